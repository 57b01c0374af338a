/**
 * A slip as a document of blocks, before it meets a paper width: the layout (slip.ts, handover.ts)
 * says WHAT is on the slip; columns.ts fits it to 32 or 48 columns for the thermal printer and
 * render/pdf.ts lays the same blocks on A4. Amounts stay integer fen until a renderer formats them.
 */
export type Block =
  /** the slip's name: centred, bold, double size */
  | { kind: 'title'; text: string }
  /** centred text (the institution, a subtitle) */
  | { kind: 'center'; text: string; bold?: boolean }
  /** what the reader must not miss: not confirmed yet, a reprint */
  | { kind: 'notice'; text: string }
  /** "label：value", the value wrapped under itself */
  | { kind: 'field'; label: string; value: string }
  /** a label and an amount at the right; `strong` for totals and the cash to collect */
  | { kind: 'amount'; label: string; fen: number; strong?: boolean; negative?: boolean }
  | { kind: 'heading'; text: string }
  | { kind: 'rule'; heavy?: boolean }
  /** one bill line: class 甲/乙/丙, name, spec, quantity with unit, unit price and amount */
  | { kind: 'item'; cls: string; name: string; spec: string; qty: string; price: number; amount: number }
  | { kind: 'text'; text: string }
  | { kind: 'qr'; data: string; caption: string };

export interface SlipDoc {
  /** what kind of slip: the PDF's file name and title use it */
  kind: 'settlement' | 'reversal' | 'handover' | 'window_day';
  title: string;
  blocks: Block[];
}
