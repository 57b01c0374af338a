/**
 * Each printer transport through its real code path: raw TCP to a loopback server standing in for a
 * network printer (answering, paper out, one that stops answering, one switched off, one that drops
 * the connection), serial through @serialport/binding-mock, and the USB device node — a pty for a
 * printer that answers status queries, a FIFO and a plain file for the write path alone.
 */
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync, spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { stateOf } from '../../../src/main/print/escpos/status.js';
import { interpret } from '../../../src/main/print/escpos/interpreter.js';
import { fitToColumns } from '../../../src/main/print/layout/columns.js';
import { settlementSlip } from '../../../src/main/print/layout/slip.js';
import { renderEscPos } from '../../../src/main/print/render/escpos-render.js';
import { networkTransport } from '../../../src/main/print/transports/network.js';
import { serialTransport } from '../../../src/main/print/transports/serial.js';
import { PrinterIoError, type PrinterTransport } from '../../../src/main/print/transports/types.js';
import { usbTransport } from '../../../src/main/print/transports/usb-lp.js';
import { settlementFacts } from '../../fixtures/slip-facts.js';
import { closedPort, mockSerialPrinter, ptyPrinter, tcpPrinter, withoutQueries } from '../../helpers/printers.js';
import { tempDir } from '../../helpers/tmp.js';

const slip = renderEscPos(fitToColumns(settlementSlip(settlementFacts()), 48), { encoding: 'gb18030', cut: 'partial', qrModule: 6 });
const cleanups: Array<() => unknown> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});
const use = <T extends PrinterTransport>(t: T): T => {
  cleanups.push(() => t.close());
  return t;
};
const until = async (f: () => boolean, ms = 3000) => {
  const end = Date.now() + ms;
  while (!f()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
};

describe('network printer (raw TCP 9100)', () => {
  it('answers its status, takes the slip, and the bytes read back as the slip', async () => {
    const p = await tcpPrinter('ready');
    cleanups.push(() => p.close());
    const t = use(networkTransport({ host: '127.0.0.1', port: p.port, timeoutMs: 1000 }));
    expect(stateOf(await t.status(500)).state).toBe('ready');
    await t.write(slip);
    await until(() => withoutQueries(p.received()).length >= slip.length);
    expect(withoutQueries(p.received()).equals(slip)).toBe(true);
    expect(interpret(withoutQueries(p.received())).lines.some((l) => l.text.includes('家庭共济'))).toBe(true);
    expect(p.connections()).toBe(1);
  });

  it('one out of paper says so; one that stops answering is offline within the timeout; one switched off cannot be reached', async () => {
    const out = await tcpPrinter('paper_out');
    const silent = await tcpPrinter('silent');
    cleanups.push(() => out.close(), () => silent.close());
    expect(stateOf(await use(networkTransport({ host: '127.0.0.1', port: out.port, timeoutMs: 1000 })).status(500)).state).toBe('paper_out');

    const t0 = Date.now();
    const err = await use(networkTransport({ host: '127.0.0.1', port: silent.port, timeoutMs: 1000 })).status(200).catch((e) => e);
    expect(err).toBeInstanceOf(PrinterIoError);
    expect((err as PrinterIoError).phase).toBe('status');
    expect(Date.now() - t0).toBeLessThan(1500);

    const off = await use(networkTransport({ host: '127.0.0.1', port: await closedPort(), timeoutMs: 500 })).write(slip).catch((e) => e);
    expect(off).toBeInstanceOf(PrinterIoError);
    expect([(off as PrinterIoError).phase, (off as PrinterIoError).reached]).toEqual(['connect', false]);
  });

  it('reconnects after the printer dropped the connection (switched off and on again)', async () => {
    const p = await tcpPrinter('ready');
    cleanups.push(() => p.close());
    const t = use(networkTransport({ host: '127.0.0.1', port: p.port, timeoutMs: 1000 }));
    await t.status(500);
    await p.close();
    const again = await tcpPrinter('ready');
    cleanups.push(() => again.close());
    // the same address after the restart: the transport finds its old socket gone and opens a new one
    const t2 = use(networkTransport({ host: '127.0.0.1', port: again.port, timeoutMs: 1000 }));
    await t2.write(Buffer.from('\x1b@test\n'));
    await until(() => again.received().length > 0);
    await t.write(Buffer.from('x')).catch(() => undefined);
    expect(again.connections()).toBe(1);
  });
});

describe('serial printer (binding-mock)', () => {
  it('answers DLE EOT and receives the slip through the serialport stream', async () => {
    const { binding, printer, received } = mockSerialPrinter('/dev/ttyPRINTER0', 'ready');
    const t = use(serialTransport({ path: '/dev/ttyPRINTER0', baudRate: 19200, binding: () => binding as never }));
    expect(stateOf(await t.status(500)).state).toBe('ready');
    printer.state = 'cover_open';
    expect(stateOf(await t.status(500)).state).toBe('cover_open');
    await t.write(slip);
    expect(withoutQueries(received()).equals(slip)).toBe(true);
    printer.state = 'silent';
    await expect(t.status(100)).rejects.toBeInstanceOf(PrinterIoError);
  });

  it('a port that is not there cannot be opened', async () => {
    const { binding } = mockSerialPrinter('/dev/ttyPRINTER1');
    const t = use(serialTransport({ path: '/dev/ttyNOPE', baudRate: 9600, binding: () => binding as never }));
    const e = await t.write(slip).catch((x) => x);
    expect([(e as PrinterIoError).phase, (e as PrinterIoError).reached]).toEqual(['connect', false]);
  });
});

describe('USB printer through its device node', () => {
  it('a character device (a pty standing in for /dev/usb/lp0): status read back from the node, the slip written to it', async () => {
    const p = ptyPrinter('ready');
    cleanups.push(() => p.close());
    const t = use(usbTransport({ device: p.device }));
    expect(t.canReport).toBe(true);
    expect(stateOf(await t.status(500)).state).toBe('ready');
    p.state = 'paper_out';
    expect(stateOf(await t.status(500)).state).toBe('paper_out');
    await t.write(slip);
    await until(() => withoutQueries(p.received()).length >= slip.length);
    expect(withoutQueries(p.received()).equals(slip)).toBe(true);
    p.state = 'silent';
    await expect(t.status(100)).rejects.toBeInstanceOf(PrinterIoError);
  });

  it('a FIFO (the write path alone): bytes go through, no status can be read; nobody reading is offline', async () => {
    const t0 = tempDir('pos-lp-');
    cleanups.push(() => t0.cleanup());
    const fifo = path.join(t0.dir, 'lp0');
    execFileSync('mkfifo', [fifo]);
    const none = use(usbTransport({ device: fifo }));
    expect(none.canReport).toBe(false);
    const e = await none.write(slip).catch((x) => x);
    expect((e as PrinterIoError).message).toMatch(/nobody reads the FIFO/);

    // a reader in another process, as a spooler would be
    const out = path.join(t0.dir, 'out.bin');
    const cat = spawn('sh', ['-c', `cat "${fifo}" > "${out}"`], { stdio: 'ignore' });
    const exited = new Promise((r) => cat.once('exit', r));
    const t = use(usbTransport({ device: fifo }));
    const end = Date.now() + 3000;
    for (;;) {
      const err = await t.write(slip).then(() => null, (x: PrinterIoError) => x);
      if (!err) break;
      if (Date.now() > end) throw err;
      await new Promise((r) => setTimeout(r, 10));
    }
    await t.close();
    await exited;
    expect(fs.readFileSync(out).equals(slip)).toBe(true);
    await expect(t.status(100)).rejects.toThrow(/cannot report/);
  });

  it('a plain file (the paper, honestly named): slips are appended, one after the other', async () => {
    const t0 = tempDir('pos-lp-');
    cleanups.push(() => t0.cleanup());
    const file = path.join(t0.dir, 'paper.bin');
    const t = use(usbTransport({ device: file }));
    await t.write(slip);
    await t.write(slip);
    expect(fs.readFileSync(file).equals(Buffer.concat([slip, slip]))).toBe(true);
    expect(interpret(fs.readFileSync(file)).cuts).toHaveLength(2);
  });
});
