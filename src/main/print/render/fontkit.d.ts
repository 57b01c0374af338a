/** The part of fontkit (pdfkit's own font engine, installed with it) the slip PDF uses: parse a font once, reuse it per document. */
declare module 'fontkit' {
  export function create(data: Uint8Array, postscriptName?: string): { layout(text: string): unknown };
}
