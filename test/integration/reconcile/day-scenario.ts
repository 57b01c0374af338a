/**
 * A day at the counter for end-of-day tests, driven through the api router of a real terminal
 * (embedded simulator over loopback HTTP, SQLite): co-pay, outpatient, a reversal, a pending one.
 */
import crypto from 'node:crypto';
import type { PosApp } from '../../../src/main/app.js';
import { call } from '../../helpers/app-call.js';

export const PEOPLE = {
  EMPLOYEE: '530600000000000001', // 张伟 310
  RESIDENT: '530600000000000003', // 王秀英 390
  AUTHORIZER: '530600000000000004', // 陈建国 310
  CHILD: '530600000000000006', // 陈思雨 390, bound to 陈建国
  UNBOUND: '530600000000000008', // 陈建华 390
};

const CODE = {
  AMOXICILLIN: 'XJ01CAA040A001010100001',
  IBUPROFEN: 'XM01AEB012N001010100002',
  METFORMIN: 'XA10BAD004A001010100003',
  BANLANGEN: 'ZA01BAB0053010100005',
};

export interface DaySeed {
  copay: string;
  employee: string;
  outpatient: string;
  reversed: string;
  pending: string;
}

async function settle(app: PosApp, psnNo: string, extra: Record<string, unknown>, lines: Array<{ code: string; qty: string; pric?: number }>): Promise<string> {
  const person = app.sim!.people().find((p) => p.psn_no === psnNo)!;
  const view = await call<{ personRef: string; hasAccount: boolean }>(app, 'person.identify', { mdtrt_cert_type: '02', certno: person.certno });
  const s = await call<{ id: string }>(app, 'settle.confirm', {
    personRef: view.personRef,
    kind: 'pharmacy',
    med_type: '41',
    lines,
    useAcct: view.hasAccount,
    mulaidPsnNo: null,
    requestId: crypto.randomUUID(),
    ...extra,
  });
  return s.id;
}

async function drained(app: PosApp, ids: string[], status: string): Promise<void> {
  for (let i = 0; i < 50; i++) {
    await app.worker.drainNow();
    const all = await Promise.all(ids.map((id) => call<{ status: string }>(app, 'settle.get', { id })));
    if (all.every((v) => v.status === status)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`settlements did not reach ${status}`);
}

/** Expects a logged-in cashier. Leaves the sync worker stopped (the pending settlement must stay pending). */
export async function seedDay(app: PosApp): Promise<DaySeed> {
  const employee = await settle(app, PEOPLE.EMPLOYEE, {}, [{ code: CODE.AMOXICILLIN, qty: '2' }]);
  const copay = await settle(app, PEOPLE.CHILD, { mulaidPsnNo: PEOPLE.AUTHORIZER }, [{ code: CODE.BANLANGEN, qty: '2' }]);
  const outpatient = await settle(app, PEOPLE.RESIDENT, { kind: 'outpatient', med_type: '11' }, [{ code: CODE.IBUPROFEN, qty: '1', pric: 1860 }]);
  const reversed = await settle(app, PEOPLE.AUTHORIZER, {}, [{ code: CODE.METFORMIN, qty: '1' }]);
  await drained(app, [employee, copay, outpatient, reversed], 'settled');
  const approval = await call<{ token: string }>(app, 'approval.grant', { action: 'settlement.reverse', subject: reversed, supervisorNo: '9001', pin: '9999' });
  await call(app, 'settle.reverse', { id: reversed, reason: '顾客退药', approval: approval.token });
  await drained(app, [reversed], 'reversed');
  await app.worker.stop();
  const pending = await settle(app, PEOPLE.UNBOUND, {}, [{ code: CODE.AMOXICILLIN, qty: '1' }]);
  return { copay, employee, outpatient, reversed, pending };
}
