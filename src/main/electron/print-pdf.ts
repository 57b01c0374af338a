/**
 * Electron: a slip's A4 PDF to the OS print dialog. The PDF is opened in a hidden, sandboxed window
 * (Chromium's PDF viewer; no preload, no Node) and printed with the system dialog; should that fail
 * (a platform without the viewer), the file opens in the system's PDF application instead, whose
 * print dialog is one Ctrl+P away. The shell code stays thin: what to do is decided in `printPdf`.
 */
import { pathToFileURL } from 'node:url';
import { BrowserWindow, shell } from 'electron';

export interface PdfPrintDeps {
  /** the PDF shown and printed with the OS dialog: true when the dialog ran (printed or cancelled by the cashier) */
  printWithDialog(file: string): Promise<boolean>;
  /** the system's PDF application: '' on success, else the reason */
  openPath(file: string): Promise<string>;
}

export async function printPdf(file: string, d: PdfPrintDeps): Promise<boolean> {
  try {
    if (await d.printWithDialog(file)) return true;
  } catch {
    // no PDF viewer in this build: the system application takes it
  }
  return (await d.openPath(file)) === '';
}

function printWithDialog(file: string): Promise<boolean> {
  const win = new BrowserWindow({
    show: false,
    webPreferences: { sandbox: true, contextIsolation: true, nodeIntegration: false, plugins: true, javascript: false },
  });
  return new Promise<boolean>((resolve, reject) => {
    win.webContents.once('did-fail-load', (_e, _code, reason) => reject(new Error(reason)));
    win.webContents.once('did-finish-load', () => {
      win.webContents.print({ silent: false, printBackground: true }, (ok, reason) => resolve(ok || reason === 'cancelled'));
    });
    void win.loadURL(pathToFileURL(file).href).catch(reject);
  }).finally(() => {
    if (!win.isDestroyed()) win.destroy();
  });
}

/** what buildApp's `deliverPdf` is in Electron */
export const deliverPdfInElectron = (file: string) => printPdf(file, { printWithDialog, openPath: (f) => shell.openPath(f) });
