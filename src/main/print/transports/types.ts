/**
 * How the print worker reaches a printer: bytes out, status bytes back (DLE EOT), whatever the
 * attachment. Each transport opens its connection when first used and again after it was lost, so
 * a printer switched off and on again needs nothing from the cashier.
 */
import type { StatusBytes } from '../escpos/status.js';

export type PrinterKind = 'virtual' | 'serial' | 'usb' | 'network';

/**
 * A transport failure. `reached`: some bytes may have reached the printer before it failed (a job
 * is then uncertain, never printed again by itself); otherwise nothing did and it can simply go again.
 */
export class PrinterIoError extends Error {
  constructor(
    readonly phase: 'connect' | 'write' | 'status',
    readonly reached: boolean,
    message: string,
  ) {
    super(message);
    this.name = 'PrinterIoError';
  }
}

export interface PrinterTransport {
  readonly kind: PrinterKind;
  /** what it is attached to, for the status bar's tooltip and the log */
  readonly where: string;
  /** whether this attachment carries the printer's answers (a plain file or a FIFO does not) */
  readonly canReport: boolean;
  /** resolves when the bytes were handed to the OS (serial drained, socket flushed, device written) */
  write(bytes: Buffer): Promise<void>;
  /** the three status bytes (DLE EOT 1, 2, 4); rejects with PrinterIoError when the printer does not answer */
  status(timeoutMs: number): Promise<StatusBytes>;
  close(): Promise<void>;
}
