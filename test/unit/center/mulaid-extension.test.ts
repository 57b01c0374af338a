import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { Person } from '../../../src/shared/domain.js';
import { Out1101Ext, personFrom1101 } from '../../../src/main/center/mulaid-extension.js';
import { centerTransactions } from '../../../src/main/center/registry.js';

const wire = {
  baseinfo: { psn_no: 'P9', psn_cert_type: '01', certno: '530602197803150119', psn_name: '张伟', gend: '1', naty: '01', brdy: '19780315', age: '48.6' },
  insuinfo: [
    { balc: '', insutype: '330', psn_type: '11', psn_insu_stas: '1', cvlserv_flag: '0', insuplc_admdvs: '530600' },
    { balc: '2386.50', insutype: '310', psn_type: '11', psn_insu_stas: '1', cvlserv_flag: '1', insuplc_admdvs: '530600', emp_name: '单位' },
  ],
  idetinfo: [],
  mulaid: [{ psn_no: 'A1', psn_name: '陈建国', relation: 'spouse', insutype: '310', balc: 5120, bind_begn_date: '2024-03-01', bind_end_date: '20991231' }],
  ytdinfo: { year: 2026, dedc_used: '50.00', hifp_paid: 0, hifmi_paid: '' },
  filing: null,
};

describe('1101 with the co-pay extension', () => {
  it('maps to the domain Person with fen and normalized dates', () => {
    const person = personFrom1101(z.decode(Out1101Ext, wire as z.input<typeof Out1101Ext>));
    expect(Person.parse(person)).toEqual(person);
    expect(person.insutype).toBe('310'); // the basic insurance, not the 330 subsidy
    expect(person.balc).toBe(238650);
    expect(person.hasAccount).toBe(true);
    expect(person.cvlserv_flag).toBe(true);
    expect(person.brdy).toBe('1978-03-15');
    expect(person.age).toBe(48);
    expect(person.ytd).toEqual({ year: 2026, dedc_used: 5000, hifp_paid: 0, hifmi_paid: 0 });
    expect(person.mulaid[0]).toEqual({
      psn_no: 'A1', psn_name: '陈建国', relation: 'spouse', insutype: '310', balc: 512000, bind_begn_date: '2024-03-01', bind_end_date: '2099-12-31',
    });
    expect(person.filing).toBeNull();
  });

  it('a plain national 1101 (no extension) gives no authorizers, zero YTD of the year, no filing', () => {
    const { mulaid, ytdinfo, filing, ...national } = wire;
    void mulaid; void ytdinfo; void filing;
    const person = personFrom1101(z.decode(Out1101Ext, national as z.input<typeof Out1101Ext>), { today: new Date('2027-02-01T00:00:00Z') });
    expect(person.mulaid).toEqual([]);
    expect(person.ytd).toEqual({ year: 2027, dedc_used: 0, hifp_paid: 0, hifmi_paid: 0 });
    expect(person.filing).toBeNull();
  });

  it('a resident has no account even when a balance is sent', () => {
    const resident = { ...wire, insuinfo: [{ ...wire.insuinfo[1], insutype: '390', balc: '10.00' }] };
    const person = personFrom1101(z.decode(Out1101Ext, resident as z.input<typeof Out1101Ext>));
    expect(person.hasAccount).toBe(false);
    expect(person.balc).toBe(0);
  });

  it('refuses an unknown relation, naming the field', () => {
    const bad = { ...wire, mulaid: [{ ...wire.mulaid[0], relation: 'cousin' }] };
    const r = Out1101Ext.safeParse(bad);
    expect(r.success).toBe(false);
    expect(r.error!.issues[0].path).toEqual(['mulaid', 0, 'relation']);
  });

  it('settlement inputs carry the chosen authorizer, outputs the co-pay amount', () => {
    expect(Object.keys(centerTransactions['2207'].input.shape.data.shape)).toContain('acct_mulaid_psn_no');
    expect(Object.keys(centerTransactions['2102'].input.shape.data.shape)).toContain('acct_mulaid_psn_no');
    expect(Object.keys(centerTransactions['2207'].output.shape.setlinfo.shape)).toContain('acct_mulaid_pay');
    expect(Object.keys(centerTransactions['2102'].output.shape.setlinfo.shape)).toContain('acct_mulaid_pay');
  });
});

/** Every field of every transaction schema carries the spec's Chinese name. */
describe('schema documentation', () => {
  function undescribed(schema: z.ZodType, path: string, out: string[]): void {
    const def = (schema as { _zod: { def: { type: string; shape?: Record<string, z.ZodType>; element?: z.ZodType; innerType?: z.ZodType } } })._zod.def;
    if (def.type === 'object' && def.shape) {
      for (const [k, v] of Object.entries(def.shape)) {
        if (!v.description) out.push(`${path}.${k}`);
        undescribed(v, `${path}.${k}`, out);
      }
    } else if (def.type === 'array' && def.element) {
      undescribed(def.element, `${path}[]`, out);
    } else if (def.innerType) {
      undescribed(def.innerType, path, out);
    }
  }

  it('has a description on every field', () => {
    const missing: string[] = [];
    for (const [infno, tx] of Object.entries(centerTransactions)) {
      undescribed(tx.input, `${infno}.input`, missing);
      undescribed(tx.output, `${infno}.output`, missing);
    }
    expect(missing).toEqual([]);
  });
});
