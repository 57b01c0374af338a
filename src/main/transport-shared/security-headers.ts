/**
 * Security headers shared by the browser-mode host and the Electron app:// protocol.
 * One CSP builder so the two shells cannot drift apart.
 */

/** The strict Content-Security-Policy; `connectExtra` adds sources to connect-src (the host's ws:// origins). */
export function contentSecurityPolicy(connectExtra: readonly string[] = []): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    // stylesheets from the build only: no <style> blocks, no style="" attributes (test/e2e checks none is refused)
    "style-src 'self'",
    "img-src 'self' data:",
    ['connect-src', "'self'", ...connectExtra].join(' '),
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'none'",
  ].join('; ');
}

/** Headers every host response carries, for the given port. */
export function hostSecurityHeaders(port: number): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy([`ws://127.0.0.1:${port}`, `ws://localhost:${port}`]),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'X-Frame-Options': 'DENY',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
  };
}
