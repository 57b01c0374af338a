/** Shared set-up for the center tests: a simulator on a temp SQLite file and a client pointing at it. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startCenterSim, type CenterSim, type StartCenterSimOptions } from '../../../src/center-sim/index.js';
import { createCenterClient, formatMsgid, type CallMeta, type CenterClient, type CenterClientOptions } from '../../../src/main/center/index.js';

export const FIXMEDINS_CODE = 'P53060200017';

export interface Harness {
  sim: CenterSim;
  client: CenterClient;
  dir: string;
  /** a fresh msgid (sequence increments) */
  msgid(): string;
  meta(insuplc_admdvs?: string): CallMeta;
  person(labelPart: string): ReturnType<CenterSim['people']>[number];
  close(): Promise<void>;
}

export async function startHarness(
  simOpts: Partial<StartCenterSimOptions> = {},
  clientOpts: Partial<CenterClientOptions> = {},
): Promise<Harness> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'center-'));
  const sim = await startCenterSim({ dbPath: path.join(dir, 'center-sim.db'), ...simOpts });
  const client = createCenterClient({
    url: sim.url,
    fixmedins_code: FIXMEDINS_CODE,
    fixmedins_name: '昭通市昭阳区测试大药房',
    mdtrtarea_admvs: '530600',
    opter: '0001',
    opter_name: '测试收款员',
    timeoutMs: 5000,
    ...clientOpts,
  });
  let seq = 0;
  const msgid = () => formatMsgid(FIXMEDINS_CODE, new Date(), ++seq % 10000);
  return {
    sim,
    client,
    dir,
    msgid,
    meta: (insuplc_admdvs = '530600') => ({ msgid: msgid(), insuplc_admdvs }),
    person(labelPart) {
      const p = sim.people().find((x) => x.label.includes(labelPart));
      if (!p) throw new Error(`no seeded person whose label contains ${labelPart}`);
      return p;
    },
    async close() {
      await sim.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** fund + own account + co-pay account + cash = total (DOMAIN.md). */
export function invariantHolds(s: { fund_pay_sumamt: number; acct_pay: number; acct_mulaid_pay?: number; psn_cash_pay: number; medfee_sumamt: number }): boolean {
  return s.fund_pay_sumamt + s.acct_pay + (s.acct_mulaid_pay ?? 0) + s.psn_cash_pay === s.medfee_sumamt;
}

export const NOW_TEXT = '2026-11-26 10:00:00';
