/**
 * The CSP has no `style-src 'unsafe-inline'`, so the renderer writes no inline style: no style prop
 * or attribute, no <style> element, no style text set from script. (The e2e harness also fails a test
 * on any CSP violation Chromium reports.)
 */
import { describe, expect, it } from 'vitest';
import { read, sourcesUnder } from '../architecture/source-files.js';

describe('the renderer uses stylesheets only', () => {
  const files = sourcesUnder('src/renderer');
  it('reads the renderer sources', () => expect(files.length).toBeGreaterThan(30));
  it.each(files)('%s has no inline style', (f) => {
    const src = read(f);
    expect(src).not.toMatch(/\bstyle=\{/);
    expect(src).not.toMatch(/\bstyle="/);
    expect(src).not.toMatch(/<style[\s>]/);
    expect(src).not.toMatch(/\.style\.(cssText|setProperty)|setAttribute\(\s*['"]style['"]/);
    expect(src).not.toMatch(/dangerouslySetInnerHTML/);
  });
});
