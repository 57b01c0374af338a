/** Steps the HIS tests share: a HIS simulator with a token, a terminal pointed at it, a bill loaded and settled. */
import type { HeldHisBill } from '../../../src/shared/api-his.js';
import { yuanToFen } from '../../../src/shared/money.js';
import type { AppUnderTest } from '../app/app-harness.js';
import { EMPLOYEE, identify, waitStatus } from '../sync/helpers.js';

export const HIS_TOKEN = 'his-test-token';

/** the draft of a held bill: its lines (HIS price, count) and its header, for the identified person */
export function hisDraft(t: AppUnderTest, personRef: string, held: HeldHisBill, lines = held.bill.lines) {
  return t.draft(
    personRef,
    lines.map((l) => ({ code: l.med_list_codg, qty: String(l.cnt), pric: yuanToFen(l.pric), ...(l.name ? { name: l.name } : {}) })),
    {
      kind: 'outpatient',
      med_type: held.bill.med_type,
      his: { his_bill_no: held.bill.his_bill_no, dept_name: held.bill.dept_name, doctor_name: held.bill.doctor_name, diagnosis: held.bill.diagnosis },
      hisFingerprint: held.bill.fingerprint,
    },
  );
}

/** reverse a settlement as the window does: a supervisor's approval first (issue 13), then the reversal */
export async function reverseApproved(t: AppUnderTest, id: string, reason: string) {
  const g = await t.call<{ token: string }>('approval.grant', { action: 'settlement.reverse', subject: id, supervisorNo: '9001', pin: '9999' });
  if (!g.ok) throw new Error(`approval: ${g.error.message}`);
  return t.call('settle.reverse', { id, reason, approval: g.data.token });
}

/** load the bill by number (then `afterLoad`: a fault for the result, say), settle it for the employee and wait until the center settled it */
export async function settleBill(t: AppUnderTest, billNo: string, afterLoad: () => void = () => {}, psnNo = EMPLOYEE) {
  const loaded = await t.call<HeldHisBill>('his.loadBill', { billNo });
  if (!loaded.ok) throw new Error(`load ${billNo}: ${loaded.error.message}`);
  afterLoad();
  const { personRef } = await identify(t, t.app.sim!, psnNo);
  const r = await t.call('settle.confirm', { ...hisDraft(t, personRef, loaded.data), requestId: t.newRequestId() });
  if (!r.ok) throw new Error(`confirm ${billNo}: ${r.error.message}`);
  await t.app.worker.drainNow();
  await waitStatus(t, r.data.id, 'settled');
  return { id: r.data.id as string, held: loaded.data, personRef };
}
