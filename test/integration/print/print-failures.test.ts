/**
 * A print failure never loses or blocks a settlement: through the whole terminal with a network
 * printer (a loopback server standing in for it). Out of paper or switched off at confirm: the
 * settlement commits and reaches the center exactly once; the slip waits and prints once when the
 * printer returns. Paper running out while a slip prints: that slip is uncertain and is never printed
 * again by itself — the cashier confirms it or reprints. A job a stopped terminal left 'sending' is
 * uncertain at the next start, not printed again.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { interpret, slipsOf } from '../../../src/main/print/escpos/interpreter.js';
import type { PrintJobView, PrintStatus } from '../../../src/shared/api-print.js';
import { startApp, type AppUnderTest } from '../app/app-harness.js';
import { EMPLOYEE, AMOXICILLIN, identify, until, waitStatus } from '../sync/helpers.js';
import { closedPort, tcpPrinter, withoutQueries, type TcpPrinter } from '../../helpers/printers.js';

let t: AppUnderTest | null = null;
const printers: TcpPrinter[] = [];
afterEach(async () => {
  await t?.close();
  t = null;
  for (const p of printers.splice(0)) await p.close();
});

const network = (port: number) => ({ kind: 'network', network: { host: '127.0.0.1', port, timeoutMs: 500 }, retryMs: 150, statusPollMs: 200, statusTimeoutMs: 200, waitForCenterMs: 3000, drawer: { onCash: false } });
const slipsAt = (p: TcpPrinter) => slipsOf(interpret(withoutQueries(p.received()))).filter((s) => s.some((l) => l.text === '医保结算单'));

async function settleOne(t: AppUnderTest): Promise<string> {
  const { personRef } = await identify(t, t.app.sim!, EMPLOYEE);
  const r = await t.call<{ id: string }>('settle.confirm', { ...t.draft(personRef, [{ code: AMOXICILLIN, qty: '1' }]), requestId: t.newRequestId() });
  expect(r.ok, r.error?.message).toBe(true);
  return r.data.id;
}
/** a terminal whose network printer is switched off (nothing listens on its port), with one settlement settled */
async function settledWithPrinterOff(): Promise<{ t: AppUnderTest; port: number; id: string }> {
  const port = await closedPort();
  const app = await startApp({ printer: network(port) });
  await app.login();
  const id = await settleOne(app);
  await waitStatus(app, id, 'settled');
  return { t: app, port, id };
}
const slipJob = async (t: AppUnderTest, id: string) => ((await t.call<PrintJobView[]>('print.jobs', { settlementId: id })).data).find((j) => j.kind === 'settlement' && j.reprintNo === null)!;

describe('print failures around a settlement', () => {
  it('out of paper at confirm: settled and sent exactly once; the slip waits and prints once when paper is back', async () => {
    const printer = await tcpPrinter('paper_out');
    printers.push(printer);
    t = await startApp({ printer: network(printer.port) });
    await t.login();
    const id = await settleOne(t);
    await waitStatus(t, id, 'settled');
    // the center has it once, the send log says one 2102 success
    expect(t.app.sim!.settlements().filter((s) => s.psn_no === EMPLOYEE)).toHaveLength(1);
    expect(t.app.store.sendLog.forSettlement(id).filter((l) => l.infno === '2102' && l.state === 'success')).toHaveLength(1);
    // the slip is waiting for paper, nothing of it went out; the status bar says why
    await until('the slip waits for paper', () => slipJob(t!, id), (j) => j.state === 'ready' && /缺纸/.test(j.lastError ?? ''));
    const st = (await t.call<PrintStatus>('print.status', {})).data;
    expect(st.printer.state).toBe('paper_out');
    expect(st.queue.waiting).toBe(1);
    expect(slipsAt(printer)).toHaveLength(0);

    printer.state = 'ready';
    await until('the slip printed', () => slipJob(t!, id), (j) => j.state === 'printed', 5000);
    await new Promise((r) => setTimeout(r, 600)); // a few more polls: nothing prints twice
    const slips = slipsAt(printer);
    expect(slips).toHaveLength(1);
    expect(slips[0].map((l) => l.text).join('\n')).toContain(t.app.store.settlements.get(id)!.setl_id!);
  });

  it('printer switched off at confirm: the settlement is not held up; the slip prints when the printer is back on', async () => {
    const s = await settledWithPrinterOff();
    t = s.t;
    const { port, id } = s;
    await until('offline shown', async () => (await t!.call<PrintStatus>('print.status', {})).data.printer.state, (s) => s === 'offline');
    const printer = await tcpPrinter('ready', port);
    printers.push(printer);
    await until('the slip printed', () => slipJob(t!, id), (j) => j.state === 'printed', 5000);
    expect(slipsAt(printer)).toHaveLength(1);
  });

  it('paper running out while a slip prints: uncertain, never printed again by itself; the cashier confirms it or reprints (补打)', async () => {
    const printer = await tcpPrinter('ready');
    printer.afterCut = 'paper_out';
    printers.push(printer);
    t = await startApp({ printer: network(printer.port) });
    await t.login();
    const id = await settleOne(t);
    const job = await until('uncertain', () => slipJob(t!, id), (j) => j.state === 'uncertain', 6000);
    expect(job.lastError).toMatch(/缺纸/);
    printer.afterCut = null;
    printer.state = 'ready';
    await new Promise((r) => setTimeout(r, 600));
    expect(slipsAt(printer)).toHaveLength(1);
    expect((await t.call<PrintStatus>('print.status', {})).data.queue.uncertain).toBe(1);

    const rp = await t.call<PrintJobView>('print.reprint', { settlementId: id, kind: 'settlement' });
    await until('reprinted', async () => (await t!.call<PrintJobView[]>('print.jobs', { settlementId: id })).data.find((j) => j.id === rp.data.id)!, (j) => j.state === 'printed');
    expect(slipsAt(printer).map((s) => s.some((l) => l.text.includes('补打 第1次')))).toEqual([false, true]);
    const ack = await t.call<PrintJobView>('print.acknowledge', { jobId: job.id });
    expect(ack.data.state).toBe('printed');
    expect((await t.call<PrintStatus>('print.status', {})).data.queue.uncertain).toBe(0);
    expect(t.app.store.audit.list(id).map((a) => a.action)).toEqual(expect.arrayContaining(['print.reprint', 'print.acknowledge']));
  });

  it('a job left "sending" by a stopped terminal is uncertain at the next start and is not printed again', async () => {
    const s = await settledWithPrinterOff();
    t = s.t;
    const { port, id } = s;
    const job = await slipJob(t, id);
    const dir = t.dir;
    // as if the bytes had just gone out when the process died: 'sending' committed, 'printed' never
    expect(t.app.store.printJobs.markSending(job.id)).toBe(true);
    await t.app.close();
    const printer = await tcpPrinter('ready', port);
    printers.push(printer);
    t = await startApp({ dataDir: dir, printer: network(port) });
    await until('uncertain after the restart', () => t!.app.store.printJobs.get(job.id)!.state, (s) => s === 'uncertain');
    await new Promise((r) => setTimeout(r, 600));
    expect(slipsAt(printer)).toHaveLength(0);
  });
});
