/**
 * Where the renderer build is read from. `POS_RENDERER_DIR` points the app at other files: useful to
 * a developer, dangerous in an installed terminal (whoever sets the variable chooses the page that
 * gets `window.pos`), so a packaged app ignores it.
 */
export function rendererDirFor(opts: { packaged: boolean; env: NodeJS.ProcessEnv; builtIn: string; log?: (line: string) => void }): string {
  const override = opts.env.POS_RENDERER_DIR;
  if (!override) return opts.builtIn;
  if (opts.packaged) {
    opts.log?.('[electron] POS_RENDERER_DIR is ignored in an installed app');
    return opts.builtIn;
  }
  return override;
}
