/**
 * The printer's answers to DLE EOT, read from whatever byte stream the transport has. Bytes that are
 * no status byte (a printer that echoes, or chatter from an earlier query) are skipped.
 */
import { statusRequest } from '../escpos/commands.js';
import { isStatusByte, type StatusBytes } from '../escpos/status.js';
import { PrinterIoError } from './types.js';

export class StatusReader {
  private waiting: { resolve(b: number): void; timer: NodeJS.Timeout } | null = null;
  private queued: number[] = [];

  /** bytes from the printer */
  feed(chunk: Uint8Array): void {
    for (const b of chunk) {
      if (!isStatusByte(b)) continue;
      if (this.waiting) {
        const w = this.waiting;
        this.waiting = null;
        clearTimeout(w.timer);
        w.resolve(b);
      } else this.queued.push(b);
    }
  }

  private next(timeoutMs: number): Promise<number> {
    const q = this.queued.shift();
    if (q !== undefined) return Promise.resolve(q);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting = null;
        reject(new PrinterIoError('status', false, `the printer did not answer its status query within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiting = { resolve, timer };
    });
  }

  /** ask DLE EOT 1, 2 and 4 in turn through `send`, one answer each */
  async query(send: (b: Buffer) => Promise<void>, timeoutMs: number): Promise<StatusBytes> {
    this.queued = [];
    const ask = async (n: 1 | 2 | 4) => {
      await send(statusRequest(n));
      return this.next(timeoutMs);
    };
    const printer = await ask(1);
    const offline = await ask(2);
    const paper = await ask(4);
    return { printer, offline, paper };
  }
}
