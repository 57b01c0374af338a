/** Outpatient 2201→2204→2206→2207→2208 and pharmacy 2101→2102→2103 over real HTTP against the simulator. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CenterError, splitFromSetlinfo, type TxInput } from '../../../src/main/center/index.js';
import { Split } from '../../../src/shared/domain.js';
import { lineAmount, parseQty } from '../../../src/shared/money.js';
import { invariantHolds, NOW_TEXT, startHarness, type Harness } from './harness.js';

const NOW = new Date('2026-06-15T02:00:00Z');

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ now: () => NOW });
});
afterAll(async () => {
  await h.close();
});

type FeeLine = TxInput<'2204'>['feedetail'][number];

function line(sn: string, code: string, pric: number, cnt: string, extra: Partial<FeeLine> = {}): FeeLine {
  return { feedetl_sn: sn, fee_ocur_time: NOW_TEXT, med_list_codg: code, pric, cnt, det_item_fee_sumamt: lineAmount(pric, parseQty(cnt)), ...extra };
}

describe('outpatient 2201 → 2204 → 2206 → 2207 → 2208', () => {
  it('settles, keeps the invariant, moves the account and the year-to-date, and reverses once', async () => {
    const p = h.person('账户充足');
    const balc0 = h.sim.balance(p.psn_no);
    const ytd0 = h.sim.ytd(p.psn_no, 2026);

    const reg = await h.client.register2201(
      { psn_no: p.psn_no, insutype: '310', begntime: NOW_TEXT, mdtrt_cert_type: '02', mdtrt_cert_no: p.certno, ipt_otp_no: 'MZ0001', dept_name: '内科', dr_name: '王医生' },
      h.meta(),
    );
    expect(reg.mdtrt_id).toMatch(/^MZ/);
    const mdtrt_id = reg.mdtrt_id;
    const lines: FeeLine[] = [
      line('1', '001101000010000', 1000, '1'), // 一般诊疗费, class A
      line('2', '002502010010000', 2000, '1'), // 血常规, class A
      line('3', 'XJ01DCC027E001010100004', 2980, '2'), // 头孢克洛胶囊: class B 10%, cap 26.00
      line('4', 'XA11GAV017A001010100011', 350, '2'), // 维生素C片: class C
    ].map((l) => ({ ...l, mdtrt_id, psn_no: p.psn_no }));
    const results = await h.client.uploadFees2204(lines, h.meta());
    expect(results.map((r) => r.feedetl_sn)).toEqual(['1', '2', '3', '4']);
    const cef = results[2];
    expect(cef.chrgitm_lv).toBe('02');
    expect(cef.pric_uplmt_amt).toBe(2600);
    expect(cef.selfpay_prop).toBe(1000);
    expect(cef.overlmt_amt).toBe(5960 - 5200);
    expect(cef.preselfpay_amt).toBe(520);
    expect(cef.inscp_scp_amt).toBe(4680);
    expect(results[3].fulamt_ownpay_amt).toBe(700);
    expect(results[0].inscp_scp_amt).toBe(1000);

    const medfee = 1000 + 2000 + 5960 + 700;
    const settleData = {
      psn_no: p.psn_no,
      mdtrt_cert_type: '02' as const,
      mdtrt_cert_no: p.certno,
      med_type: '11',
      medfee_sumamt: medfee,
      mdtrt_id,
      insutype: '310',
      acct_used_flag: true,
    };
    const pre = await h.client.preSettle2206(settleData, h.meta());
    const preSplit = Split.parse(splitFromSetlinfo(pre.setlinfo));
    expect(preSplit.medfee_sumamt).toBe(medfee);
    expect(invariantHolds(preSplit)).toBe(true);
    expect(preSplit.acct_pay).toBeGreaterThan(0);
    // pre-settlement stores nothing
    expect(h.sim.balance(p.psn_no)).toBe(balc0);
    expect(h.sim.settlements()).toHaveLength(0);

    const meta = h.meta();
    const out = await h.client.settle2207(settleData, meta);
    const s = out.setlinfo;
    expect(s.setl_id).toMatch(/^ST/);
    expect(s.medins_setl_id).toBe(meta.msgid);
    const split = Split.parse(splitFromSetlinfo(s));
    expect(split).toEqual(preSplit);
    expect(invariantHolds(split)).toBe(true);
    expect(split.fulamt_ownpay_amt).toBe(700);
    expect(split.overlmt_selfpay).toBe(760);
    expect(split.preselfpay_amt).toBe(520);
    expect(h.sim.balance(p.psn_no)).toBe(balc0 - split.acct_pay);
    expect(s.balc).toBe(balc0 - split.acct_pay);
    const ytd1 = h.sim.ytd(p.psn_no, 2026);
    expect(ytd1.dedc_used).toBe(ytd0.dedc_used + split.act_pay_dedc);
    expect(ytd1.hifp_paid).toBe(ytd0.hifp_paid + split.hifp_pay);

    // settling the same visit again is refused
    const again = await h.client.settle2207(settleData, h.meta()).catch((e) => e);
    expect(again).toBeInstanceOf(CenterError);
    expect(again.kind).toBe('refused');
    expect(again.err_msg).toContain('已结算');

    const rev = await h.client.reverse2208({ setl_id: s.setl_id, mdtrt_id, psn_no: p.psn_no }, h.meta());
    expect(rev.setlinfo.init_setl_id).toBe(s.setl_id);
    expect(rev.setlinfo.medfee_sumamt).toBe(-medfee);
    expect(rev.setlinfo.acct_pay).toBe(-split.acct_pay);
    expect(h.sim.balance(p.psn_no)).toBe(balc0);
    expect(h.sim.ytd(p.psn_no, 2026)).toEqual(ytd0);
    expect(h.sim.settlements()[0].status).toBe('reversed');

    const twice = await h.client.reverse2208({ setl_id: s.setl_id, mdtrt_id, psn_no: p.psn_no }, h.meta()).catch((e) => e);
    expect(twice.kind).toBe('refused');
    expect(twice.err_msg).toContain('不能重复撤销');
    expect(h.sim.balance(p.psn_no)).toBe(balc0);
  });

  it('refuses a fee line whose catalog code is unknown, naming the code', async () => {
    const p = h.person('城乡居民 王秀英');
    const { mdtrt_id } = await h.client.register2201(
      { psn_no: p.psn_no, insutype: '390', begntime: NOW_TEXT, mdtrt_cert_type: '02', mdtrt_cert_no: p.certno, ipt_otp_no: 'MZ0002' },
      h.meta(),
    );
    const err = await h.client
      .uploadFees2204([{ ...line('1', 'NOPE-123', 500, '1'), mdtrt_id, psn_no: p.psn_no }], h.meta())
      .catch((e) => e);
    expect(err.kind).toBe('refused');
    expect(err.err_msg).toContain('NOPE-123');
  });

  it('refuses a total that does not match the uploaded lines', async () => {
    const p = h.person('城乡居民 王秀英');
    const { mdtrt_id } = await h.client.register2201(
      { psn_no: p.psn_no, insutype: '390', begntime: NOW_TEXT, mdtrt_cert_type: '02', mdtrt_cert_no: p.certno, ipt_otp_no: 'MZ0003' },
      h.meta(),
    );
    await h.client.uploadFees2204([{ ...line('1', '001101000010000', 1000, '1'), mdtrt_id, psn_no: p.psn_no }], h.meta());
    const err = await h.client
      .preSettle2206(
        { psn_no: p.psn_no, mdtrt_cert_type: '02', mdtrt_cert_no: p.certno, med_type: '11', medfee_sumamt: 1001, mdtrt_id, insutype: '390', acct_used_flag: false },
        h.meta(),
      )
      .catch((e) => e);
    expect(err.kind).toBe('refused');
    expect(err.err_msg).toContain('medfee_sumamt');
  });
});

function pharmacyInput(p: { psn_no: string; certno: string }, insutype: string, lines: FeeLine[], extra: Partial<TxInput<'2102'>['data']> = {}) {
  return {
    data: {
      psn_no: p.psn_no,
      mdtrt_cert_type: '02' as const,
      mdtrt_cert_no: p.certno,
      begntime: NOW_TEXT,
      medfee_sumamt: lines.reduce((a, l) => a + l.det_item_fee_sumamt, 0),
      insutype,
      acct_used_flag: true,
      ...extra,
    },
    feedetail: lines,
  };
}

describe('pharmacy 2101 → 2102 → 2103', () => {
  it('pre-settles and settles a resident purchase (no account): fund + cash = total', async () => {
    const p = h.person('城乡居民 王秀英');
    const lines = [line('1', 'XJ01CAA040A001010100001', 1250, '2'), line('2', 'ZG02AAY0096020100014', 6800, '3'), line('3', 'C1401020100000100025', 200, '1')];
    const input = pharmacyInput(p, '390', lines);
    const pre = await h.client.pharmacyPreSettle2101(input, h.meta());
    expect(pre.detlcutinfo).toHaveLength(3);
    expect(pre.detlcutinfo[1].overlmt_amt).toBe(3 * 800);
    const before = h.sim.settlements().length;
    const out = await h.client.pharmacySettle2102(input, h.meta());
    const split = splitFromSetlinfo(out.setlinfo);
    expect(split).toEqual(splitFromSetlinfo(pre.setlinfo));
    expect(invariantHolds(split)).toBe(true);
    expect(split.acct_pay).toBe(0);
    expect(split.fund_pay_sumamt).toBeGreaterThan(0);
    expect(out.setlinfo.clr_type).toBe('41');
    expect(h.sim.settlements()).toHaveLength(before + 1);
  });

  it('co-pay deducts the authorizer, and 2103 gives it back', async () => {
    const user = h.person('之妻');
    const authorizer = h.person('家庭共济授权人');
    const a0 = h.sim.balance(authorizer.psn_no);
    const lines = [line('1', 'XM01AEB012N001010100002', 1860, '2'), line('2', 'XA12AXT016A001010100020', 5980, '1')];
    const out = await h.client.pharmacySettle2102(pharmacyInput(user, '390', lines, { acct_mulaid_psn_no: authorizer.psn_no }), h.meta());
    const split = splitFromSetlinfo(out.setlinfo);
    expect(split.acct_mulaid_pay).toBeGreaterThan(0);
    expect(invariantHolds(split)).toBe(true);
    expect(h.sim.balance(authorizer.psn_no)).toBe(a0 - split.acct_mulaid_pay);
    const rec = h.sim.settlements().find((s) => s.setl_id === out.setlinfo.setl_id)!;
    expect(rec.mulaid_psn_no).toBe(authorizer.psn_no);

    const rev = await h.client.pharmacyReverse2103({ setl_id: out.setlinfo.setl_id, psn_no: user.psn_no }, h.meta());
    expect(rev.setlinfo.acct_mulaid_pay).toBe(-split.acct_mulaid_pay);
    expect(h.sim.balance(authorizer.psn_no)).toBe(a0);
    const twice = await h.client.pharmacyReverse2103({ setl_id: out.setlinfo.setl_id, psn_no: user.psn_no }, h.meta()).catch((e) => e);
    expect(twice.kind).toBe('refused');
    expect(h.sim.balance(authorizer.psn_no)).toBe(a0);
  });

  it('refuses co-pay from an unusable authorizer with a clear reason, and takes nothing', async () => {
    const lines = [line('1', 'XJ01CAA040A001010100001', 1250, '1')];
    const cases: Array<[string, string, string]> = [
      ['共济绑定已过期 赵小红', '职工·共济绑定已过期的授权人', '过期'],
      ['共济授权人非职工', '居民·授权人(非职工)', '不是职工'],
      ['共济授权人余额为零', '职工·账户余额为零', '余额为0'],
      ['未绑定共济', '家庭共济授权人', '没有家庭共济绑定关系'],
    ];
    for (const [userLabel, authLabel, text] of cases) {
      const user = h.person(userLabel);
      const auth = h.person(authLabel);
      const a0 = h.sim.balance(auth.psn_no);
      const err = await h.client
        .pharmacySettle2102(pharmacyInput(user, '390', lines, { acct_mulaid_psn_no: auth.psn_no }), h.meta())
        .catch((e) => e);
      expect(err, userLabel).toBeInstanceOf(CenterError);
      expect(err.kind).toBe('refused');
      expect(err.err_msg, userLabel).toContain(text);
      expect(h.sim.balance(auth.psn_no)).toBe(a0);
    }
  });

  it('cross-region: the fund pays with a valid filing and not without one', async () => {
    const lines = [line('1', 'ZG02AAY0096020100014', 6800, '5')];
    const filed = h.person('已备案');
    const a = splitFromSetlinfo(
      (await h.client.pharmacyPreSettle2101(pharmacyInput(filed, '310', lines, { acct_used_flag: false }), h.meta('530100'))).setlinfo,
    );
    expect(a.fund_pay_sumamt).toBeGreaterThan(0);
    const unfiled = h.person('未备案');
    const b = splitFromSetlinfo(
      (await h.client.pharmacyPreSettle2101(pharmacyInput(unfiled, '310', lines, { acct_used_flag: false }), h.meta('530300'))).setlinfo,
    );
    expect(b.fund_pay_sumamt).toBe(0);
    expect(b.psn_cash_pay).toBe(b.medfee_sumamt);
  });
});

describe('msgid deduplication', () => {
  it('the same msgid twice makes one settlement and the same reply', async () => {
    const p = h.person('账户充足');
    const balc0 = h.sim.balance(p.psn_no);
    const n0 = h.sim.settlements().length;
    const input = pharmacyInput(p, '310', [line('1', 'XC08CAX137A001010100009', 2150, '1')]);
    const meta = h.meta();
    const first = await h.client.pharmacySettle2102(input, meta);
    const second = await h.client.pharmacySettle2102(input, meta);
    expect(second).toEqual(first);
    expect(h.sim.settlements()).toHaveLength(n0 + 1);
    expect(h.sim.balance(p.psn_no)).toBe(balc0 - first.setlinfo.acct_pay);
  });

  it('the same msgid sent twice at once still makes one settlement', async () => {
    const p = h.person('账户充足');
    const n0 = h.sim.settlements().length;
    const input = pharmacyInput(p, '310', [line('1', 'XA02BCA211E001010100008', 1320, '1')]);
    const meta = h.meta();
    const [a, b] = await Promise.all([h.client.pharmacySettle2102(input, meta), h.client.pharmacySettle2102(input, meta)]);
    expect(a.setlinfo.setl_id).toBe(b.setlinfo.setl_id);
    expect(h.sim.settlements()).toHaveLength(n0 + 1);
  });

  it('a msgid reused for another transaction is refused', async () => {
    const p = h.person('账户充足');
    const meta = h.meta();
    await h.client.personInfo({ mdtrt_cert_type: '02', mdtrt_cert_no: p.certno }, meta);
    const err = await h.client.signIn(meta).catch((e) => e);
    expect(err.kind).toBe('refused');
    expect(err.err_msg).toContain('msgid');
  });
});
