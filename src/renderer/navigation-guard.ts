/**
 * Browser-mode counterpart of the Electron shell's navigation hardening (src/main/electron/security.ts):
 * the cashier's page never opens windows and never navigates away from the app. In Electron the
 * main process enforces the same; here the page enforces it for itself, and the host's CSP
 * (script-src 'self', form-action 'none', frame-ancestors 'none') keeps injected code from undoing it.
 */
export function installNavigationGuard(win: Window = window): void {
  const deny = () => null;
  Object.defineProperty(win, 'open', { value: deny, writable: false, configurable: false });
  win.document.addEventListener(
    'click',
    (e) => {
      const a = (e.target as Element | null)?.closest?.('a[href]') as HTMLAnchorElement | null;
      if (!a) return;
      const url = new URL(a.href, win.location.href);
      // the one download the page makes itself: a slip's PDF, as a blob: URL of its own origin (lib/pdf-download.ts)
      const ownBlob = url.protocol === 'blob:' && url.origin === win.location.origin && a.target !== '_blank';
      if (url.origin !== win.location.origin || a.target === '_blank' || (a.hasAttribute('download') && !ownBlob)) e.preventDefault();
    },
    true,
  );
  win.document.addEventListener('submit', (e) => e.preventDefault(), true);
}
