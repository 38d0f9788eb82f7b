/**
 * Study configs to and from JSON files, so a config moves between the form and the CLI
 * (`mnemo study run config.json` takes one config object).
 */

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The configs in a JSON text: one config object, an array of them, or a preset-like object with
 * a `studies` array.
 * Throws: Error naming what is wrong (not JSON, an item that is not an object, no configs).
 */
export function readConfigsJson(text: string, source = 'the file'): Array<Record<string, unknown>> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new Error(`${source} is not valid JSON: ${(error as Error).message}`);
  }
  const list = Array.isArray(parsed) ? parsed : isObject(parsed) && Array.isArray(parsed.studies) ? parsed.studies : [parsed];
  if (list.length === 0) throw new Error(`${source} holds no study configs`);
  list.forEach((item, i) => {
    if (!isObject(item)) throw new Error(`${source}: study ${i + 1} is not a JSON object (got ${Array.isArray(item) ? 'an array' : typeof item})`);
  });
  return list as Array<Record<string, unknown>>;
}

/** A config as the CLI reads it: indented JSON. */
export function configJson(config: unknown): string {
  return `${JSON.stringify(config, null, 2)}\n`;
}

/** A file name for a config: its name in lower-case words joined by hyphens. */
export function configFilename(config: Record<string, unknown>): string {
  const name = typeof config.name === 'string' ? config.name : '';
  const slug = name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `${slug || 'study'}.json`;
}
