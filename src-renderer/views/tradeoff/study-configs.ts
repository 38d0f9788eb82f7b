/**
 * The configs of studies, fetched once each (a study's config never changes after it is created)
 * with a few requests in flight at a time.
 */

/**
 * The configs of `ids`, from the cache or loaded (and cached). A study that fails to load is
 * left out (it was deleted meanwhile, say); the others still arrive.
 * Args: load, fetches one config; cache, kept between calls; concurrency, requests at once.
 */
export async function fetchConfigs(ids: readonly string[], load: (id: string) => Promise<unknown>, cache: Map<string, unknown>, concurrency = 6): Promise<Map<string, unknown>> {
  const missing = [...new Set(ids)].filter((id) => !cache.has(id));
  let next = 0;
  const worker = async () => {
    while (next < missing.length) {
      const id = missing[next++]!;
      try {
        cache.set(id, await load(id));
      } catch {
        // Left out: the study's point is still drawn, only without sweep lines.
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, missing.length) }, worker));
  return new Map(ids.flatMap((id) => (cache.has(id) ? [[id, cache.get(id)] as [string, unknown]] : [])));
}
