/**
 * The crash test's judge of the slips, on hand-made states: it must see a confirmed settlement
 * without its slip job, a slip on the paper twice, a job marked printed that never reached the paper,
 * and a slip still waiting after the final drain.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fitToColumns } from '../../../src/main/print/layout/columns.js';
import { settlementSlip } from '../../../src/main/print/layout/slip.js';
import { renderEscPos } from '../../../src/main/print/render/escpos-render.js';
import { settlementMessages } from '../../../src/main/services/settlement/messages.js';
import { checkPrinting } from '../../crash/print-judge.js';
import { sampleItems, sampleRecord } from '../../helpers/records.js';
import { useTempStore } from '../../helpers/temp-store.js';
import { settlementFacts } from '../../fixtures/slip-facts.js';

describe('crash-test judgement of the slips', () => {
  const ts = useTempStore();
  const paper = () => path.join(ts.dir, 'paper.bin');
  const slipOf = (id: string) => renderEscPos(fitToColumns(settlementSlip(settlementFacts({ settlementId: id })), 48), { encoding: 'gb18030', cut: 'partial', qrModule: 6 });
  function settlement(withJob: boolean) {
    const rec = sampleRecord();
    ts.store.settlements.commitConfirmed(rec, sampleItems(), settlementMessages(rec), { actor: '1001', action: 'settlement.confirm', subject: rec.id });
    const job = withJob ? ts.store.printJobs.add({ kind: 'settlement', settlement_id: rec.id, state: 'ready', actor: '1001' }) : null;
    return { id: rec.id, job };
  }

  it('one slip job per confirmed settlement, and its slip on the paper once, passes', () => {
    const a = settlement(true);
    ts.store.printJobs.markSending(a.job!);
    ts.store.printJobs.markPrinted(a.job!, slipOf(a.id));
    fs.writeFileSync(paper(), slipOf(a.id));
    expect(checkPrinting(ts.file, paper(), [a.id], true).problems).toEqual([]);
  });

  it('sees a missing slip job, a slip printed twice, a printed job not on the paper, and one still waiting at the end', () => {
    const a = settlement(false);
    const b = settlement(true);
    const c = settlement(true);
    const d = settlement(true);
    for (const x of [b, c]) {
      ts.store.printJobs.markSending(x.job!);
      ts.store.printJobs.markPrinted(x.job!, slipOf(x.id));
    }
    fs.writeFileSync(paper(), Buffer.concat([slipOf(b.id), slipOf(b.id)]));
    const problems = checkPrinting(ts.file, paper(), [a.id, b.id, c.id, d.id], true).problems.join('\n');
    expect(problems).toContain(`confirmed settlement ${a.id} has 0 first slip job(s)`);
    expect(problems).toContain(`settlement ${b.id}: its slip is on the paper 2 times`);
    expect(problems).toContain(`of ${c.id} is printed but on the paper 0 times`);
    expect(problems).toContain(`of ${d.id} is still ready after the final drain`);
  });
});
