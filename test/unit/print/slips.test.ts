/**
 * Every slip kind on both paper widths, as the printer would print it: the ESC/POS bytes decoded back
 * by the interpreter (escpos/interpreter.ts) read exactly the lines the layout made, in GB18030; no
 * line is wider than the paper; one cut; the QR code of the settlement; the fields the issue names.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EscPosBuilder } from '../../../src/main/print/escpos/commands.js';
import { interpret, slipsOf } from '../../../src/main/print/escpos/interpreter.js';
import { COLUMNS, fitToColumns, lineColumns } from '../../../src/main/print/layout/columns.js';
import type { SlipDoc } from '../../../src/main/print/layout/doc.js';
import { handoverSlip } from '../../../src/main/print/layout/handover.js';
import { NOT_CONFIRMED, REVERSAL_NOT_CONFIRMED, reversalSlip, settlementSlip } from '../../../src/main/print/layout/slip.js';
import { renderDrawerKick, renderEscPos } from '../../../src/main/print/render/escpos-render.js';
import { summarizeHandover } from '../../../src/main/till/handover-summary.js';
import { reversalFacts, settlementFacts } from '../../fixtures/slip-facts.js';

const handover = () => {
  const summary = summarizeHandover({ cashier: { no: '1001', name: '李收费' }, terminal_id: 'T01', business_date: '2026-11-26', from: '2026-11-26T00:30:00.000Z', to: '2026-11-26T09:30:00.000Z' }, [
    { what: 'settlement', status: 'settled', confirmed: 1, n: 12, medfee: 81234, fund: 40000, acct: 20000, mulaid: 5000, cash: 16234, till_cash: 16234 },
    { what: 'settlement', status: 'queued', confirmed: 0, n: 1, medfee: 1000, fund: 0, acct: 0, mulaid: 0, cash: 1000, till_cash: 1000 },
    { what: 'refund', status: 'reversed', confirmed: 1, n: 1, medfee: 3000, fund: 1000, acct: 1000, mulaid: 0, cash: 1000, till_cash: 1000 },
  ]);
  return handoverSlip({
    ...settlementFacts(),
    printedAt: '2026-11-26 17:31:00',
    fromText: '2026-11-26 08:30:00',
    toText: '2026-11-26 17:30:00',
    record: { id: 7, summary, cashCounted: 16000, difference: 16000 - summary.cashExpected, note: '零钱不足', auditChainHead: null, createdAt: '2026-11-26T09:30:00.000Z', printJobId: null },
  });
};

const KINDS: Array<[string, () => SlipDoc, string[]]> = [
  ['settlement (center answered)', () => settlementSlip(settlementFacts()), ['医保结算单', '结算ID', 'S530600202611261015000001', '就诊ID', '刘*', '530602********0027', '职工基本医疗保险', '定点药店购药', '头孢克洛胶囊', '乙 ', '甲 ', '丙 ', '医疗费总额', '统筹基金支付', '本次起付线', '个人账户支付', '个人账户余额', '家庭共济', '授权人：配偶 陈**', '共济账户支付', '授权人账户余额', '现金支付 ￥', '实收', '找零', '收款员：李收费（1001）', '1号收费窗口']],
  ['settlement (not confirmed)', () => settlementSlip(settlementFacts({ confirmedByCenter: false, setl_id: null, mdtrt_id: null })), [NOT_CONFIRMED, '（待医保中心确认）']],
  ['settlement reprint', () => settlementSlip(settlementFacts({ reprintNo: 3 })), ['补打 第3次']],
  ['settlement reprinted after its reversal', () => settlementSlip(settlementFacts({ reprintNo: 1, reversal: 'reversed' })), ['补打 第1次', '本结算已冲销']],
  ['reversal', () => reversalSlip(reversalFacts()), ['医保结算冲销单', '原结算ID', 'S530600202611261015000001', '冲销结算ID', '退回医保基金', '退回个人账户', '退回共济账户（配偶 陈**）', '退还现金 ￥', '患者退药']],
  ['reversal (not confirmed)', () => reversalSlip(reversalFacts({ confirmedByCenter: false, reversalSetlId: null })), [REVERSAL_NOT_CONFIRMED]],
  ['hand-over', handover, ['收费员交班单', '结算笔数', '13 笔', '待中心确认 1 笔', '冲销笔数：1 笔', '医保基金支付', '现金收取', '现金退还', '应交现金 ￥', '实点现金 ￥', '短款', '交班人签字', '零钱不足']],
];

describe.each([58, 80] as const)('%i mm paper', (width) => {
  const cols = COLUMNS[width];
  it.each(KINDS)('%s: the bytes read back as the layout’s lines, none wider than the paper', (_name, make, wanted) => {
    const doc = make();
    const lines = fitToColumns(doc, cols);
    const bytes = renderEscPos(lines, { encoding: 'gb18030', cut: 'partial', qrModule: 5 });
    const d = interpret(bytes);
    expect(d.problems).toEqual([]);
    expect(d.initialized).toBe(1);
    expect(d.cuts).toEqual([{ mode: 'partial', atLine: d.lines.length }]);
    const textLines = lines.filter((l) => l.kind === 'text');
    // the QR is followed by one line feed of its own
    expect(d.lines.filter((_, i) => !d.qr.some((q) => q.atLine === i && d.lines[i].text === ''))).toHaveLength(textLines.length);
    const printed = d.lines.filter((l, i) => !(l.text === '' && d.qr.some((q) => q.atLine === i)));
    printed.forEach((l, i) => {
      const want = textLines[i];
      expect(l.text).toBe(want.kind === 'text' ? want.text : '');
      expect(l.columns).toBe(lineColumns(want));
      expect(l.columns).toBeLessThanOrEqual(cols);
      expect(l.double).toBe(want.kind === 'text' && want.double);
    });
    const all = printed.map((l) => l.text).join('\n');
    for (const w of wanted) expect(all).toContain(w);
    // settlement and reversal slips carry the QR code of the settlement; a hand-over slip none
    expect(d.qr).toHaveLength(doc.kind === 'handover' ? 0 : 1);
  });

  it('any name, spec or reason — Chinese, Latin, ¥, very long — never makes a line wider than the paper', () => {
    const word = fc.string({ unit: fc.constantFrom('药', '胶', '囊', 'A', 'x', '9', ' ', '¥', '（', '）', '·', '䶮', '-'), minLength: 1, maxLength: 90 });
    fc.assert(
      fc.property(word, word, word, fc.nat({ max: 99_999_999 }), (name, spec, reason, fen) => {
        const s = settlementSlip(settlementFacts({ items: [{ chrgitm_lv: '02', name, spec, qty: '1盒', price: fen, amount: fen }], patient: { ...settlementFacts().patient, name_masked: name } }));
        const r = reversalSlip(reversalFacts({ reason }));
        for (const doc of [s, r]) {
          const d = interpret(renderEscPos(fitToColumns(doc, cols), { encoding: 'gb18030', cut: 'full', qrModule: 5 }));
          expect(d.problems).toEqual([]);
          for (const l of d.lines) expect(l.columns).toBeLessThanOrEqual(cols);
        }
      }),
      { numRuns: 60 },
    );
  });
});

describe('ESC/POS commands read back', () => {
  it('the drawer pulse is ESC p on the pin, with its times', () => {
    const d = interpret(renderDrawerKick(5, 100, 200));
    expect(d.drawer).toEqual([{ pin: 5, onMs: 100, offMs: 200, atLine: 0 }]);
    expect(d.lines).toEqual([]);
    expect(d.problems).toEqual([]);
  });

  it('a roll of slips splits at its cuts; text outside Chinese mode and unknown commands are problems', () => {
    const one = renderEscPos(fitToColumns(settlementSlip(settlementFacts()), 32), { encoding: 'gb18030', cut: 'full', qrModule: 5 });
    const two = renderEscPos(fitToColumns(reversalSlip(reversalFacts()), 32), { encoding: 'gb18030', cut: 'full', qrModule: 5 });
    const roll = interpret(Buffer.concat([one, two]));
    expect(slipsOf(roll).map((s) => s.find((l) => l.double)?.text)).toEqual(['医保结算单', '医保结算冲销单']);
    const bad = interpret(Buffer.concat([Buffer.from([0x1b, 0x40]), new EscPosBuilder().text('中文').bytes(), Buffer.from([0x0a, 0x1b, 0x7e])]));
    expect(bad.problems.join()).toMatch(/outside Chinese mode/);
    expect(bad.problems.join()).toMatch(/unknown ESC command 0x7e/);
  });

  it('a QR code is stored then printed (GS ( k, model 2) with its module size and error correction', () => {
    const d = interpret(new EscPosBuilder().init().qr('S530600202611261015000001', { moduleSize: 6, ec: 'Q' }).line().bytes());
    expect(d.qr).toEqual([{ data: 'S530600202611261015000001', moduleSize: 6, ec: 'Q', atLine: 0 }]);
    expect(() => new EscPosBuilder().qr('中文')).toThrow(/printable ASCII/);
  });
});
