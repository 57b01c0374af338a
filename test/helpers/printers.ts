/**
 * Printers for tests, at the true edge only: the terminal's own transports talk to them through
 * their real code paths.
 *   tcpPrinter      a loopback TCP server standing in for a network printer on port 9100: it keeps
 *                   the bytes and answers DLE EOT for its state; 'silent' accepts and never answers
 *   mockSerialPort  @serialport/binding-mock with a printer behind it that answers DLE EOT
 *   ptyPrinter      a pseudo-terminal (posix_openpt through koffi) standing in for /dev/usb/lp0: a
 *                   character device the USB transport opens, writes and reads status from; the test
 *                   holds the other end. Raw mode (stty) so no byte is translated.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import { MockBinding } from '@serialport/binding-mock';
import koffi from 'koffi';
import { answerTo, statusBytesFor, type PrinterState } from '../../src/main/print/escpos/status.js';

export type TestPrinterState = PrinterState | 'silent';

/** the answers a printer in `state` gives to the DLE EOT queries found in `chunk` */
function answers(chunk: Buffer, state: TestPrinterState): Buffer {
  if (state === 'silent' || state === 'offline') return Buffer.alloc(0);
  const s = statusBytesFor(state);
  const out: number[] = [];
  for (let i = 0; i + 2 < chunk.length; i++) if (chunk[i] === 0x10 && chunk[i + 1] === 0x04) out.push(answerTo(chunk[i + 2], s));
  return Buffer.from(out);
}

/** bytes as they go to a printer, without the status queries (DLE EOT n) among them */
export function withoutQueries(b: Buffer): Buffer {
  const out: number[] = [];
  for (let i = 0; i < b.length; i++) {
    if (b[i] === 0x10 && b[i + 1] === 0x04 && b[i + 2] !== undefined && b[i + 2] <= 4) {
      i += 2;
      continue;
    }
    out.push(b[i]);
  }
  return Buffer.from(out);
}

export interface TcpPrinter {
  port: number;
  state: TestPrinterState;
  /** the state it falls into once a slip's cut arrives (paper running out while printing) */
  afterCut: TestPrinterState | null;
  /** every byte received (status queries included) */
  received(): Buffer;
  connections(): number;
  close(): Promise<void>;
}

export async function tcpPrinter(state: TestPrinterState = 'ready', listenOn = 0): Promise<TcpPrinter> {
  const chunks: Buffer[] = [];
  const sockets = new Set<net.Socket>();
  let connections = 0;
  const p: TcpPrinter = {
    port: 0,
    state,
    afterCut: null,
    received: () => Buffer.concat(chunks),
    connections: () => connections,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
  const server = net.createServer((s) => {
    connections += 1;
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => undefined);
    s.on('data', (d) => {
      chunks.push(d);
      const a = answers(d, p.state);
      if (a.length) s.write(a);
      if (p.afterCut && d.includes(Buffer.from([0x1d, 0x56]))) p.state = p.afterCut;
    });
  });
  await new Promise<void>((r) => server.listen(listenOn, '127.0.0.1', () => r()));
  p.port = (server.address() as net.AddressInfo).port;
  return p;
}

/** a free loopback port with nothing listening (a printer switched off) */
export async function closedPort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

/**
 * binding-mock with a printer on `path`: the transport's writes are recorded, and DLE EOT is answered
 * for the state the test sets. Returns the binding to hand to the serial transport.
 */
export function mockSerialPrinter(path: string, state: TestPrinterState = 'ready') {
  MockBinding.createPort(path, { echo: false, record: true });
  const printer = { state, written: [] as Buffer[] };
  const binding = {
    ...MockBinding,
    async open(opts: Parameters<typeof MockBinding.open>[0]) {
      const port = await MockBinding.open(opts);
      const write = (port as unknown as { write(b: Buffer): Promise<void> }).write.bind(port);
      (port as unknown as { write(b: Buffer): Promise<void> }).write = async (b: Buffer) => {
        await write(b);
        printer.written.push(Buffer.from(b));
        const a = answers(Buffer.from(b), printer.state);
        if (a.length) setImmediate(() => port.isOpen && port.emitData(a));
      };
      return port;
    },
  };
  return { binding, printer, received: () => Buffer.concat(printer.written) };
}

// ---------------------------------------------------------------- a pty standing in for /dev/usb/lp0

const libc = () => {
  const lib = koffi.load('libc.so.6');
  return {
    posix_openpt: lib.func('int posix_openpt(int)'),
    grantpt: lib.func('int grantpt(int)'),
    unlockpt: lib.func('int unlockpt(int)'),
    ptsname_r: lib.func('int ptsname_r(int, _Out_ char *buf, size_t)'),
  };
};

export interface PtyPrinter {
  /** the device path the USB transport opens (/dev/pts/N) */
  device: string;
  state: TestPrinterState;
  received(): Buffer;
  close(): void;
}

export function ptyPrinter(state: TestPrinterState = 'ready'): PtyPrinter {
  const c = libc();
  const { O_RDWR, O_NOCTTY, O_NONBLOCK } = fs.constants;
  const master = c.posix_openpt(O_RDWR | O_NOCTTY | O_NONBLOCK) as number;
  if (master < 0 || c.grantpt(master) !== 0 || c.unlockpt(master) !== 0) throw new Error('cannot make a pseudo-terminal');
  const buf = Buffer.alloc(128);
  c.ptsname_r(master, buf, buf.length);
  const device = buf.toString('utf8').replace(/\0[\s\S]*$/, '');
  execFileSync('stty', ['-F', device, 'raw', '-echo']);
  const chunks: Buffer[] = [];
  const p: PtyPrinter = { device, state, received: () => Buffer.concat(chunks), close: () => undefined };
  const rb = Buffer.alloc(4096);
  const timer = setInterval(() => {
    for (;;) {
      let n = 0;
      try {
        n = fs.readSync(master, rb, 0, rb.length, null);
      } catch {
        return; // EAGAIN: nothing more now (EIO: the transport closed its end)
      }
      if (n <= 0) return;
      const d = Buffer.from(rb.subarray(0, n));
      chunks.push(d);
      const a = answers(d, p.state);
      if (a.length) fs.writeSync(master, a);
    }
  }, 2);
  p.close = () => {
    clearInterval(timer);
    fs.closeSync(master);
  };
  return p;
}
