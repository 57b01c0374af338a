/**
 * Generated bills for the settle benchmarks (a helper, not a benchmark: bench/run.ts runs only *.bench.ts).
 * Deterministic (a seeded PRNG), so every run splits the same bills. The mix is a cashier's, not a fuzzer's:
 * class A about half the lines, class B (5–30 % first self-pay) a third, class C the rest; a price cap on a fifth
 * of the lines (the price above it on half of those); a third of the counts fractional (half tablets, herbs by
 * the gram); the deductible still unmet on half the bills; the pooling cap reached on every fourth bill (critical
 * illness then pays); the civil-servant subsidy on every fifth; the own account on most, family co-pay on a third.
 */
import type { SplitLine, SplitRequest } from '../src/shared/domain.js';

/** mulberry32: small, fast, and the same sequence on every machine */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NAMES = ['阿莫西林胶囊', '头孢克洛胶囊', '维生素C片', '布洛芬缓释胶囊', '黄芪', '当归', '复方甘草片', '一次性注射器', '血常规', '蒙脱石散'];
const FRACTIONAL = ['0.5', '1.5', '2.25', '0.3333', '12.5', '37.5', '7.125', '0.75'];

export function billLines(rnd: () => number, count: number): SplitLine[] {
  const lines: SplitLine[] = [];
  for (let i = 0; i < count; i++) {
    const r = rnd();
    const lv = r < 0.5 ? '01' : r < 0.85 ? '02' : '03';
    // prices from ¥0.12 to about ¥300, most of them small
    const pric = 12 + Math.floor(rnd() * rnd() * 30_000);
    const cnt = rnd() < 0.33 ? FRACTIONAL[Math.floor(rnd() * FRACTIONAL.length)] : String(1 + Math.floor(rnd() * 5));
    const capRoll = rnd();
    const cap = capRoll < 0.1 ? Math.floor(pric * 0.85) : capRoll < 0.2 ? pric + 100 : null;
    lines.push({
      line_no: i + 1,
      code: `X${String(1000 + Math.floor(rnd() * 9000))}A00101010000${i % 10}`,
      name: NAMES[Math.floor(rnd() * NAMES.length)],
      chrgitm_lv: lv,
      pric,
      cnt,
      selfpay_prop: lv === '02' ? 500 + 100 * Math.floor(rnd() * 26) : 0,
      pric_uplmt_amt: cap,
    });
  }
  return lines;
}

/** Bill number `k` of a series: its lines and the policy numbers and pay state the terminal would resolve. */
export function bill(k: number, lineCount: number): SplitRequest {
  const rnd = prng(k * 7919 + 1);
  const lines = billLines(rnd, lineCount);
  const capReached = k % 4 === 3;
  return {
    lines,
    policy: {
      dedc_left: k % 2 === 0 ? 0 : Math.floor(rnd() * 20_000),
      pool_ratio: 7000,
      // a 50-line bill is some thousands of yuan: a cap left of ¥30 is reached, the ¥150,000 of a fresh year is not
      pool_cap_left: capReached ? 3000 : 15_000_000,
      hifmi_ratio: 6000,
      hifmi_cap_left: 30_000_000,
      cvlserv_ratio: k % 5 === 0 ? 3000 : 0,
      acct_may_pay_class_c: k % 3 !== 0,
      policy_version: 'bench',
    },
    person: {
      acct_balc: Math.floor(rnd() * 50_000),
      acct_used: k % 7 !== 0,
      mulaid_balc: k % 3 === 1 ? Math.floor(rnd() * 100_000) : null,
      fund_allowed: true,
      fund_refused_reason: null,
    },
  };
}
