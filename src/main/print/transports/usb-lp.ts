/**
 * A USB printer (printer class) through the OS device node: /dev/usb/lp0 on Linux (the usblp driver).
 * The node is opened read-write and non-blocking: bytes are written to it, and the printer's status
 * answers (DLE EOT) are read back from it. Where the path is not a device — a FIFO or a plain file,
 * as in tests or when the spooler hands over a file — the bytes are written and no status can be read.
 * (On Windows a USB receipt printer is reached through its virtual serial port: kind "serial".)
 */
import fs from 'node:fs';
import type { StatusBytes } from '../escpos/status.js';
import { StatusReader } from './status-reader.js';
import { PrinterIoError, type PrinterTransport } from './types.js';

const { O_RDWR, O_WRONLY, O_APPEND, O_NONBLOCK, O_NOCTTY, O_CREAT } = fs.constants;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const again = (e: unknown) => (e as NodeJS.ErrnoException).code === 'EAGAIN' || (e as NodeJS.ErrnoException).code === 'EWOULDBLOCK';

type NodeKind = 'device' | 'fifo' | 'file';

function kindOf(path: string): NodeKind | null {
  try {
    const st = fs.statSync(path);
    return st.isCharacterDevice() ? 'device' : st.isFIFO() ? 'fifo' : 'file';
  } catch {
    return null;
  }
}

export function usbTransport(o: { device: string }): PrinterTransport {
  let fd: number | null = null;
  let kind: NodeKind | null = kindOf(o.device);
  const reader = new StatusReader();

  function open(): number {
    if (fd !== null) return fd;
    kind = kindOf(o.device);
    try {
      // a device node must exist (unplugged: not there); a plain file elsewhere is made (it stands in for the paper)
      if (kind === null && o.device.startsWith('/dev/')) throw Object.assign(new Error(`${o.device} is not present (printer unplugged or switched off?)`), { code: 'ENOENT' });
      fd = kind === 'device' ? fs.openSync(o.device, O_RDWR | O_NONBLOCK | O_NOCTTY) : kind === 'fifo' ? fs.openSync(o.device, O_WRONLY | O_NONBLOCK) : fs.openSync(o.device, O_WRONLY | O_APPEND | O_CREAT);
      kind ??= 'file';
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      const why = err.code === 'EACCES' ? 'permission denied (is the user in group lp?)' : err.code === 'ENXIO' ? 'nobody reads the FIFO' : err.message;
      throw new PrinterIoError('connect', false, `cannot open ${o.device}: ${why}`);
    }
    return fd;
  }

  function drop() {
    if (fd !== null) {
      try {
        fs.closeSync(fd);
      } catch {
        // already gone (unplugged)
      }
    }
    fd = null;
  }

  async function writeAll(bytes: Buffer, phase: 'write' | 'status', deadlineMs = 10_000): Promise<void> {
    const f = open();
    let off = 0;
    const until = Date.now() + deadlineMs;
    while (off < bytes.length) {
      try {
        off += fs.writeSync(f, bytes, off, bytes.length - off);
      } catch (e) {
        if (again(e) && Date.now() < until) {
          await sleep(5);
          continue;
        }
        drop();
        throw new PrinterIoError(phase, phase === 'write' && off > 0, `writing to ${o.device} failed: ${(e as Error).message}`);
      }
    }
  }

  /** the printer's answers: polled from the non-blocking node until the reader has them */
  async function pollAnswers(stop: () => boolean): Promise<void> {
    const buf = Buffer.alloc(64);
    while (!stop()) {
      try {
        const n = fs.readSync(fd!, buf, 0, buf.length, null);
        if (n > 0) reader.feed(buf.subarray(0, n));
        else await sleep(5);
      } catch (e) {
        if (!again(e)) return;
        await sleep(5);
      }
    }
  }

  return {
    kind: 'usb',
    where: o.device,
    get canReport() {
      return (kind ?? kindOf(o.device)) === 'device';
    },
    async write(bytes) {
      await writeAll(bytes, 'write');
    },
    async status(timeoutMs): Promise<StatusBytes> {
      if ((fd === null ? kindOf(o.device) : kind) !== 'device') throw new PrinterIoError('status', false, `${o.device} is not a device: it cannot report the printer's status`);
      open();
      let done = false;
      const polling = pollAnswers(() => done || fd === null);
      try {
        return await reader.query((b) => writeAll(b, 'status'), timeoutMs);
      } finally {
        done = true;
        await polling;
      }
    },
    async close() {
      drop();
    },
  };
}
