/** Electron's PDF delivery: the OS print dialog first, the system's PDF application when it cannot open. */
import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({ BrowserWindow: class {}, shell: { openPath: vi.fn() } }));
const { printPdf } = await import('../../../src/main/electron/print-pdf.js');

describe('a slip PDF in Electron', () => {
  it('goes to the print dialog; the system application only when the dialog could not run', async () => {
    const openPath = vi.fn(async () => '');
    expect(await printPdf('/x.pdf', { printWithDialog: async () => true, openPath })).toBe(true);
    expect(openPath).not.toHaveBeenCalled();
    expect(await printPdf('/x.pdf', { printWithDialog: async () => Promise.reject(new Error('no viewer')), openPath })).toBe(true);
    expect(openPath).toHaveBeenCalledWith('/x.pdf');
    expect(await printPdf('/x.pdf', { printWithDialog: async () => false, openPath: async () => 'no application for PDF' })).toBe(false);
  });
});
