import { describe, expect, it } from 'vitest';
import { idCheckDigit, isValidIdNumber, makeIdNumber } from '../../../src/devices/card/id-number.js';
import { SEED_BINDINGS, SEED_PEOPLE, basicInfoFor, credentialsFor } from '../../../src/center-sim/seed.js';

describe('ID numbers', () => {
  it('computes the GB 11643 check character', () => {
    // the standard's published example
    expect(idCheckDigit('11010519491231002')).toBe('X');
    expect(makeIdNumber('110105', '19491231', 2)).toBe('11010519491231002X');
    expect(isValidIdNumber('11010519491231002X')).toBe(true);
    expect(isValidIdNumber('110105194912310021')).toBe(false);
  });
});

describe('seeded people', () => {
  const creds = SEED_PEOPLE.map((p) => ({ p, c: credentialsFor(p) }));

  it('have valid, unique ID numbers matching birth date and sex', () => {
    const ids = new Set<string>();
    for (const { p, c } of creds) {
      expect(isValidIdNumber(c.certno), p.label).toBe(true);
      expect(c.certno.slice(6, 14)).toBe(p.brdy.replace(/-/g, ''));
      expect(Number(c.certno[16]) % 2 === 1 ? '1' : '2').toBe(p.gend);
      ids.add(c.certno);
    }
    expect(ids.size).toBe(SEED_PEOPLE.length);
  });

  it('have cards (9-char number, 32-char card_sn starting with the division) and e-voucher tokens', () => {
    for (const { p, c } of creds) {
      expect(c.card_no).toMatch(/^[0-9A-Z]{9}$/);
      expect(c.card_sn).toMatch(/^[0-9A-Z]{32}$/);
      expect(c.card_sn.startsWith(p.insuplc_admdvs)).toBe(true);
      expect(c.qr.length).toBeGreaterThan(20);
      const parts = basicInfoFor(p, c).split('|');
      expect(parts).toHaveLength(12); // 11 fields and the trailing '|'
      expect(parts[11]).toBe('');
      expect(parts.slice(0, 5)).toEqual([p.insuplc_admdvs, c.certno, c.card_no, c.card_sn, p.psn_name]);
    }
    expect(new Set(creds.map(({ c }) => c.card_no)).size).toBe(SEED_PEOPLE.length);
  });

  it('cover the cases the terminal must handle', () => {
    const by = (s: string) => SEED_PEOPLE.filter((p) => p.label.includes(s));
    expect(by('账户充足')[0].balc).toBe(238650);
    expect(by('账户余额为零')[0].balc).toBe(0);
    expect(SEED_PEOPLE.some((p) => p.insutype === '390' && p.balc === 0)).toBe(true);
    expect(new Set(SEED_BINDINGS.filter((b) => b.authorizer === by('家庭共济授权人')[0].psn_no).map((b) => b.relation))).toEqual(
      new Set(['spouse', 'child', 'parent']),
    );
    expect(SEED_BINDINGS.some((b) => b.end_date < '2026-01-01')).toBe(true);
    const unbound = by('未绑定共济')[0];
    expect(SEED_BINDINGS.some((b) => b.user === unbound.psn_no)).toBe(false);
    expect(by('已备案')[0].filing).toBeDefined();
    expect(by('未备案')[0].filing).toBeUndefined();
    expect(by('未备案')[0].insuplc_admdvs).not.toBe('530600');
  });
});
