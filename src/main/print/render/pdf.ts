/**
 * The A4 PDF of a slip (pdfkit): the same blocks as the thermal slip, laid out for a laser printer
 * or for the patient who asks for a file. Chinese needs an embedded CJK font: the one end of day's
 * PDF uses (reconcile/cjk-font.ts; Debian's Noto CJK by default). The QR code is drawn as vectors from
 * the qrcode package's matrix. The font is parsed once per process with fontkit (pdfkit's own font
 * engine) and the parsed font handed to each document, which embeds only the glyphs the slip uses:
 * parsing the 20 MB Noto collection for every slip would cost more than the slip.
 */
import fs from 'node:fs';
import { formatYuan } from '../../../shared/money.js';
import { CjkFontMissingError, findCjkFont, type CjkFont } from '../../reconcile/cjk-font.js';
import { amountText } from '../layout/columns.js';
import type { Block, SlipDoc } from '../layout/doc.js';

const LEFT = 56;
const WIDTH = 483;
const RIGHT = LEFT + WIDTH;

type Parsed = ReturnType<typeof import('fontkit').create>;
let fontCache: { font: CjkFont; parsed: Parsed } | null = null;
async function parsedFont(font?: CjkFont): Promise<{ font: CjkFont; parsed: Parsed }> {
  const f = font ?? fontCache?.font ?? findCjkFont();
  if (!fontCache || fontCache.font.file !== f.file || fontCache.font.face !== f.face) {
    // loaded when a PDF is asked for, not when the terminal starts
    const fontkit = await import('fontkit');
    try {
      fontCache = { font: f, parsed: fontkit.create(fs.readFileSync(f.file), f.face) };
    } catch (e) {
      throw new CjkFontMissingError(`${f.file}${f.face ? `#${f.face}` : ''} cannot be used (${(e as Error).message})`);
    }
  }
  return fontCache;
}

function drawQr(QRCode: typeof import('qrcode'), doc: PDFKit.PDFDocument, data: string, x: number, y: number, size: number): void {
  const qr = QRCode.create(data, { errorCorrectionLevel: 'M' });
  const n = qr.modules.size;
  const cell = size / (n + 8);
  const ox = x + cell * 4;
  const oy = y + cell * 4;
  for (let r = 0; r < n; r++) {
    // runs of dark modules as one rectangle each: a few hundred path operations instead of thousands
    let c = 0;
    while (c < n) {
      if (!qr.modules.get(r, c)) {
        c += 1;
        continue;
      }
      const start = c;
      while (c < n && qr.modules.get(r, c)) c += 1;
      doc.rect(ox + start * cell, oy + r * cell, (c - start) * cell, cell);
    }
  }
  doc.fill('#000000');
}

/** the slip as PDF bytes */
export async function slipPdf(slip: SlipDoc, opts: { font?: CjkFont; author?: string } = {}): Promise<Buffer> {
  const { parsed } = await parsedFont(opts.font);
  const { default: PDFDocument } = await import('pdfkit');
  const QRCode = (await import('qrcode')).default;
  const doc = new PDFDocument({ size: 'A4', margin: 48, info: { Title: slip.title, Author: opts.author ?? '' } });
  try {
    doc.registerFont('cjk', parsed as unknown as string);
    doc.font('cjk');
  } catch (e) {
    throw new CjkFontMissingError(`the CJK font cannot be used (${(e as Error).message})`);
  }
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', () => resolve());
    doc.on('error', reject);
  });

  const qr = slip.blocks.find((b): b is Extract<Block, { kind: 'qr' }> => b.kind === 'qr');
  let itemsHeader = false;
  const line = (heavy = false) => {
    doc.moveTo(LEFT, doc.y + 2).lineTo(RIGHT, doc.y + 2).lineWidth(heavy ? 1.2 : 0.5).stroke('#555555');
    doc.y += 6;
  };
  const ensure = (h: number) => {
    if (doc.y + h > 790) doc.addPage();
  };

  for (const b of slip.blocks) {
    switch (b.kind) {
      case 'title':
        doc.fontSize(18).fillColor('#000000').text(b.text, LEFT, undefined, { width: WIDTH, align: 'center' });
        doc.moveDown(0.3);
        break;
      case 'center':
        doc.fontSize(b.bold ? 13 : 9).fillColor(b.bold ? '#000000' : '#333333').text(b.text, LEFT, undefined, { width: WIDTH, align: 'center' });
        break;
      case 'notice': {
        ensure(24);
        const y = doc.y + 2;
        doc.rect(LEFT + 80, y, WIDTH - 160, 20).lineWidth(1).stroke('#b00020');
        doc.fontSize(11).fillColor('#b00020').text(b.text, LEFT + 80, y + 5, { width: WIDTH - 160, align: 'center' });
        doc.fillColor('#000000');
        doc.y = y + 24;
        break;
      }
      case 'field': {
        ensure(14);
        const y = doc.y;
        doc.fontSize(10).fillColor('#555555').text(b.label, LEFT, y, { width: 90 });
        doc.fillColor('#000000').text(b.value, LEFT + 95, y, { width: WIDTH - 95 - (qr ? 0 : 0) });
        break;
      }
      case 'amount': {
        ensure(14);
        const y = doc.y;
        doc.fontSize(b.strong ? 11.5 : 10).fillColor('#000000').text(b.label, LEFT, y, { width: WIDTH - 120 });
        doc.text(amountText(b.fen, b.negative), RIGHT - 120, y, { width: 120, align: 'right' });
        break;
      }
      case 'heading':
        ensure(18);
        doc.moveDown(0.2).fontSize(11).fillColor('#000000').text(b.text, LEFT, undefined, { width: WIDTH });
        itemsHeader = false;
        break;
      case 'rule':
        line(b.heavy);
        break;
      case 'item': {
        if (!itemsHeader) {
          const y = doc.y;
          doc.fontSize(9).fillColor('#555555');
          doc.text('类别', LEFT, y, { width: 28 }).text('项目名称 / 规格', LEFT + 30, y, { width: 250 }).text('数量', LEFT + 285, y, { width: 60, align: 'right' });
          doc.text('单价', LEFT + 350, y, { width: 60, align: 'right' }).text('金额', RIGHT - 70, y, { width: 70, align: 'right' });
          doc.fillColor('#000000');
          itemsHeader = true;
        }
        ensure(14);
        const y = doc.y;
        doc.fontSize(9.5).text(b.cls, LEFT, y, { width: 28 });
        doc.text(`${b.name}${b.spec ? ` ${b.spec}` : ''}`, LEFT + 30, y, { width: 250 });
        const after = doc.y;
        doc.text(b.qty, LEFT + 285, y, { width: 60, align: 'right' }).text(formatYuan(b.price), LEFT + 350, y, { width: 60, align: 'right' });
        doc.text(formatYuan(b.amount), RIGHT - 70, y, { width: 70, align: 'right' });
        doc.y = Math.max(after, doc.y);
        break;
      }
      case 'text':
        doc.fontSize(10).fillColor('#000000').text(b.text || ' ', LEFT, undefined, { width: WIDTH });
        break;
      case 'qr': {
        ensure(100);
        const y = doc.y + 4;
        drawQr(QRCode, doc, b.data, LEFT + WIDTH / 2 - 45, y, 90);
        doc.fontSize(8).fillColor('#333333').text(`${b.caption}：${b.data}`, LEFT, y + 92, { width: WIDTH, align: 'center' });
        doc.fillColor('#000000');
        break;
      }
    }
  }
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}
