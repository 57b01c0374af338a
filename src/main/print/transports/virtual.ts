/**
 * The virtual printer of the embedded default: it takes the bytes a real one would (they are kept on
 * the job, and the screen shows them as paper through the interpreter), answers DLE EOT like a real
 * printer, and can be told from the developer panel to be out of paper, open or offline, so the queue
 * can be watched waiting and printing when it "returns".
 */
import { answerTo, statusBytesFor, type PrinterState, type StatusBytes } from '../escpos/status.js';
import { PrinterIoError, type PrinterTransport } from './types.js';

export interface VirtualPrinter extends PrinterTransport {
  setState(state: PrinterState): void;
  state(): PrinterState;
  /** the bytes received since it was made (newest last; the oldest dropped beyond ~1 MB) */
  received(): Buffer;
}

export function virtualTransport(): VirtualPrinter {
  let state: PrinterState = 'ready';
  let paper: Buffer[] = [];
  let size = 0;
  const answers = (): StatusBytes => statusBytesFor(state);
  return {
    kind: 'virtual',
    where: 'virtual',
    canReport: true,
    setState(s) {
      state = s;
    },
    state: () => state,
    received: () => Buffer.concat(paper),
    async write(bytes) {
      // offline: nothing arrives; out of paper or open: a real printer buffers or drops — the worker asks first
      if (state === 'offline') throw new PrinterIoError('write', false, 'the virtual printer is offline');
      paper.push(Buffer.from(bytes));
      size += bytes.length;
      while (size > 1_000_000 && paper.length > 1) size -= paper.shift()!.length;
    },
    async status(): Promise<StatusBytes> {
      if (state === 'offline') throw new PrinterIoError('status', false, 'the virtual printer does not answer (offline)');
      const s = answers();
      return { printer: answerTo(1, s), offline: answerTo(2, s), paper: answerTo(4, s) };
    },
    async close() {
      paper = [];
      size = 0;
    },
  };
}
