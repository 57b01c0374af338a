/**
 * A slip's PDF from the main side: in Electron the shell already sent it to the OS print dialog; in
 * browser mode the file comes back here and is saved as a download (a same-origin blob: URL, which
 * the navigation guard lets through).
 */
import type { PdfFile } from '../../shared/api-till.js';

export function deliverPdf(pdf: PdfFile): 'print_dialog' | 'download' {
  if (pdf.delivered === 'print_dialog' || !pdf.base64) return 'print_dialog';
  const bytes = Uint8Array.from(atob(pdf.base64), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/pdf' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = pdf.name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return 'download';
}
