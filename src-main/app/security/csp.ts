/**
 * Electron security checklist, item 7: "Define a Content Security Policy".
 * One policy for the app's pages, served by the custom protocol in Electron and by the loopback
 * bridge in the browser: only our own scripts and styles, no eval, no remote content. `connect-src`
 * allows the bridge's own origin (fetch and WebSocket) and nothing else.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  // Svelte sets element styles through the style attribute; no remote stylesheets are loaded.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
