/**
 * A printer on a serial port (RS-232, or a USB serial adapter). Through serialport's stream, with
 * the real binding, or @serialport/binding-mock in tests: the same code path either way.
 */
import { SerialPortStream } from '@serialport/stream';
import type { StatusBytes } from '../escpos/status.js';
import { StatusReader } from './status-reader.js';
import { PrinterIoError, type PrinterTransport } from './types.js';

// the binding's type is the stream's own parameter (the real one, or binding-mock's)
type Binding = ConstructorParameters<typeof SerialPortStream>[0]['binding'];

export async function defaultSerialBinding(): Promise<Binding> {
  const { autoDetect } = await import('@serialport/bindings-cpp');
  return autoDetect() as unknown as Binding;
}

export function serialTransport(o: { path: string; baudRate: number; binding?: () => Promise<Binding> | Binding }): PrinterTransport {
  let port: SerialPortStream | null = null;
  const reader = new StatusReader();

  async function open(): Promise<SerialPortStream> {
    if (port?.isOpen) return port;
    const binding = await (o.binding ?? defaultSerialBinding)();
    const p = new SerialPortStream({ binding, path: o.path, baudRate: o.baudRate, autoOpen: false });
    await new Promise<void>((resolve, reject) =>
      p.open((err) => (err ? reject(new PrinterIoError('connect', false, `cannot open ${o.path}: ${err.message}`)) : resolve())),
    );
    p.on('data', (d: Buffer) => reader.feed(d));
    p.on('error', () => undefined);
    p.on('close', () => {
      if (port === p) port = null;
    });
    port = p;
    return p;
  }

  function send(p: SerialPortStream, bytes: Buffer, phase: 'write' | 'status'): Promise<void> {
    return new Promise((resolve, reject) => {
      p.write(bytes, (err) => {
        if (err) return reject(new PrinterIoError(phase, phase === 'write', `writing to ${o.path} failed: ${err.message}`));
        p.drain((e) => (e ? reject(new PrinterIoError(phase, phase === 'write', `draining ${o.path} failed: ${e.message}`)) : resolve()));
      });
    });
  }

  return {
    kind: 'serial',
    where: o.path,
    canReport: true,
    async write(bytes) {
      await send(await open(), bytes, 'write');
    },
    async status(timeoutMs): Promise<StatusBytes> {
      const p = await open();
      return reader.query((b) => send(p, b, 'status'), timeoutMs);
    },
    async close() {
      const p = port;
      port = null;
      if (p?.isOpen) await new Promise<void>((resolve) => p.close(() => resolve()));
    },
  };
}
