/**
 * The allow-list for links that leave the app (item 15 of Electron's security checklist): papers
 * and project pages over https only. Kept apart from Electron so it is testable.
 */
export const EXTERNAL_URL_ALLOW_LIST: readonly string[] = [
  'arxiv.org',
  'github.com',
  'openreview.net',
  'www.tensorflow.org',
  'opacus.ai',
  'electronjs.org',
];

/** True for https URLs whose host is on the allow-list (exactly or as a subdomain). */
export function isAllowedExternalUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'https:' || parsed.username || parsed.password) return false;
  return EXTERNAL_URL_ALLOW_LIST.some((host) => parsed.hostname === host || parsed.hostname.endsWith(`.${host}`));
}
