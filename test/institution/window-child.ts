/**
 * One cashier window of a hospital, as its own process (test/integration/institution/three-windows.test.ts
 * starts three): a whole terminal (buildApp, real SQLite) against the shared simulator, replicating to
 * the institution's PostgreSQL. It settles `--count` pharmacy bills (own account, cash, family co-pay),
 * reverses about one in eight with a supervisor's approval, then drains the center's queue and the
 * replication, and prints one line `done <json>` with what its own store holds, for the parent to
 * hold against PostgreSQL and the institution's end of day.
 *
 *   node --import tsx test/institution/window-child.ts --sim URL --data DIR --terminal W01 --fixmedins CODE --db FILE --count N --seed S
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { buildApp } from '../../src/main/app.js';
import catalogDoc from '../../src/main/settle/data/catalog-530600.json' with { type: 'json' };
import { uuidV7 } from '../../src/shared/uuid-v7.js';
import { seededRandom } from '../crash/seeded-random.js';

const { values } = parseArgs({
  options: {
    sim: { type: 'string' },
    data: { type: 'string' },
    terminal: { type: 'string' },
    fixmedins: { type: 'string' },
    db: { type: 'string' },
    count: { type: 'string', default: '100' },
    seed: { type: 'string', default: '1' },
  },
});
if (!values.sim || !values.data || !values.terminal || !values.fixmedins || !values.db) {
  console.error('usage: window-child.ts --sim URL --data DIR --terminal ID --fixmedins CODE --db FILE --count N --seed S');
  process.exit(2);
}
const rand = seededRandom(Number(values.seed));
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;

const AUTHORIZER = '530600000000000004';
/** who comes: employee with and without his account, a resident, the authorizer, his daughter and son on his co-pay account */
const VISITORS = [
  { psn_no: '530600000000000001', useAcct: true, mulaidPsnNo: null },
  { psn_no: '530600000000000001', useAcct: false, mulaidPsnNo: null },
  { psn_no: '530600000000000003', useAcct: true, mulaidPsnNo: null },
  { psn_no: AUTHORIZER, useAcct: true, mulaidPsnNo: null },
  { psn_no: '530600000000000006', useAcct: true, mulaidPsnNo: AUTHORIZER },
  { psn_no: '530600000000000005', useAcct: true, mulaidPsnNo: AUTHORIZER },
] as const;
const GOODS = (catalogDoc as { items: Array<{ med_list_codg: string | null; kind: string; price: number; whole_units: boolean }> }).items
  .filter((i) => i.kind !== 'service' && i.whole_units && i.price <= 2500 && i.med_list_codg)
  .map((i) => i.med_list_codg as string);

const app = await buildApp({
  shell: 'browser',
  overrides: {
    dataDir: values.data,
    terminal: { id: values.terminal, fixmedins_code: values.fixmedins, msgidSlot: Number(values.terminal.replace(/\D/g, '')) % 100 },
    center: { url: values.sim, timeoutMs: 3_000, retryBaseMs: 50, retryMaxMs: 500 },
    his: { source: 'none' },
    devices: { virtual: false },
    institution: { database: JSON.parse(fs.readFileSync(values.db, 'utf8')), replication: { retryBaseMs: 50, retryMaxMs: 500, heartbeatMs: 500 } },
  },
  log: () => undefined,
});
const call = async (name: string, input: unknown) => {
  const r = (await app.router.call(name, input)) as { ok: boolean; data: any; error: { code: string; message: string } };
  if (!r.ok) throw new Error(`${values.terminal} ${name}: ${r.error.code} ${r.error.message}`);
  return r.data;
};

// a real center has no demo cashiers: the installer's cashiers, as `pos cashier` makes them
app.store.cashiers.seedDemoIfEmpty();
await call('session.login', { cashierNo: '1001', pin: '1234' });
const people = (await (await fetch(`${values.sim}/admin/people`, { headers: { 'x-sim-admin-token': process.env.POS_SIM_ADMIN_TOKEN ?? '' } })).json()) as Array<{ psn_no: string; certno: string }>;
const refs = new Map<string, string>();
for (const psn_no of new Set(VISITORS.map((v) => v.psn_no))) {
  const p = people.find((x) => x.psn_no === psn_no)!;
  refs.set(psn_no, (await call('person.identify', { mdtrt_cert_type: '02', certno: p.certno })).personRef);
}

const count = Number(values.count);
let reversals = 0;
for (let i = 0; i < count; i++) {
  const v = pick(VISITORS);
  const codes = new Set<string>();
  const n = 1 + Math.floor(rand() * 3);
  while (codes.size < n) codes.add(pick(GOODS));
  await call('settle.confirm', {
    personRef: refs.get(v.psn_no),
    kind: 'pharmacy',
    med_type: '41',
    lines: [...codes].map((code) => ({ code, qty: String(1 + Math.floor(rand() * 2)) })),
    useAcct: v.useAcct,
    mulaidPsnNo: v.mulaidPsnNo,
    his: null,
    requestId: uuidV7(),
  });
  if (i % 8 === 7) {
    // reverse one of today's settled ones, approved by the supervisor at the window
    await app.worker.drainNow();
    const standing = ((await call('settle.list', {})) as Array<{ id: string; status: string }>).filter((s) => s.status === 'settled');
    if (standing.length > 0) {
      const id = pick(standing).id;
      const g = await call('approval.grant', { action: 'settlement.reverse', subject: id, supervisorNo: '9001', pin: '9999' });
      await call('settle.reverse', { id, reason: '患者退药', approval: g.token });
      reversals++;
    }
  }
}

// everything to the center, then everything to the institution
const deadline = Date.now() + Number(process.env.WINDOW_DRAIN_MS ?? 120_000);
for (;;) {
  await app.worker.drainNow();
  await app.institution.sender!.drain();
  const repl = app.institution.status();
  if (app.store.outbox.stats().depth === 0 && repl.backlog === 0) break;
  if (Date.now() > deadline) throw new Error(`${values.terminal}: not drained in 120 s (outbox ${JSON.stringify(app.store.outbox.queue('pending'))}, replication ${repl.backlog} ${repl.state} ${repl.lastError ?? ''})`);
  await new Promise((r) => setTimeout(r, 100));
}
type Split = { medfee_sumamt: number; fund_pay_sumamt: number; acct_pay: number; acct_mulaid_pay: number; psn_cash_pay: number };
const list = (await call('settle.list', {})) as Array<{ id: string; status: string; setl_id: string | null; mulaid_psn_no: string | null; local: Split; center: Split | null }>;
// each settlement as this window's own store holds it: the center's split where it answered
const rows = list.map((x) => {
  const a = x.center ?? x.local;
  return { id: x.id, status: x.status, setl_id: x.setl_id, copay: x.mulaid_psn_no !== null, medfee_sumamt: a.medfee_sumamt, fund_pay_sumamt: a.fund_pay_sumamt, acct_pay: a.acct_pay, acct_mulaid_pay: a.acct_mulaid_pay, psn_cash_pay: a.psn_cash_pay };
});
process.stdout.write(`done ${JSON.stringify({ terminal: values.terminal, reversals, rows })}\n`);
await app.close();
process.exit(0);
