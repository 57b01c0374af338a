/**
 * The family co-pay (家庭共济) extension, kept in this one file: the national interface has no
 * co-pay fields, so the province (and our simulator) extend it.
 *
 * - 1101 output gains `mulaid` (the authorizers this person is bound to), `ytdinfo` (year-to-date
 *   pooling state) and `filing` (cross-region filing, or null).
 * - 2206/2207 and 2101/2102 input gain `acct_mulaid_psn_no` (the chosen authorizer) and their
 *   setlinfo gains `acct_mulaid_pay`; 2208/2103 reversal records give it back (negative).
 *
 * `relation` is what the user (the person presenting the card) is to the authorizer, as declared
 * at binding: the authorizer's spouse, child or parent.
 */
import { z } from 'zod';
import type { Insutype, Person } from '../../shared/domain.js';
import { Insutype as InsutypeSchema } from '../../shared/domain.js';
import { formatCstDate } from './time.js';
import { wireDate, wireFen, wireInt } from './wire.js';
import { Out1101 } from './transactions/1101-person-info.js';
import { In2206, In2206Data, In2207, In2207Data, Out2206, Out2208 } from './transactions/2206-2208-settle.js';
import { In2101, In2101Data, In2102, In2102Data, Out2101, Out2103 } from './transactions/2101-2103-pharmacy.js';
import { ReversalSetlInfo, SetlInfo } from './transactions/setlinfo.js';

export const MulaidEntry = z.looseObject({
  psn_no: z.string().min(1).describe('共济授权人人员编号'),
  psn_name: z.string().describe('共济授权人姓名'),
  relation: z.enum(['spouse', 'child', 'parent']).describe('与授权人关系 (使用人是授权人的配偶/子女/父母)'),
  insutype: InsutypeSchema.describe('授权人险种类型'),
  balc: wireFen({ optional: true }).describe('授权人个人账户可用余额'),
  bind_begn_date: wireDate().describe('绑定开始日期'),
  bind_end_date: wireDate().describe('绑定结束日期'),
});

export const YtdInfo = z.looseObject({
  year: wireInt().describe('年度'),
  dedc_used: wireFen({ optional: true }).describe('本年度已累计起付线'),
  hifp_paid: wireFen({ optional: true }).describe('本年度统筹基金已支付'),
  hifmi_paid: wireFen({ optional: true }).describe('本年度大病保险已支付'),
});

export const FilingInfo = z.looseObject({
  insuplc_admdvs: z.string().regex(/^\d{6}$/).describe('参保地医保区划'),
  begn_date: wireDate().describe('备案开始日期'),
  end_date: wireDate().describe('备案结束日期'),
});

export const Out1101Ext = Out1101.extend({
  mulaid: z.array(MulaidEntry).default([]).describe('家庭共济绑定授权人列表'),
  ytdinfo: YtdInfo.nullish().describe('年度累计信息'),
  filing: FilingInfo.nullish().describe('异地就医备案信息'),
});

const mulaidPsnNo = z.string().max(30).optional().describe('共济授权人人员编号 (空或缺省为不使用共济)');

export const SetlInfoExt = SetlInfo.extend({
  acct_mulaid_pay: wireFen({ optional: true }).describe('个人账户共济支付金额'),
});
export const ReversalSetlInfoExt = ReversalSetlInfo.extend({
  acct_mulaid_pay: wireFen({ optional: true, signed: true }).describe('个人账户共济支付金额'),
});

export const In2206DataExt = In2206Data.extend({ acct_mulaid_psn_no: mulaidPsnNo });
export const In2206Ext = In2206.extend({ data: In2206DataExt.describe('输入') });
export const In2207DataExt = In2207Data.extend({ acct_mulaid_psn_no: mulaidPsnNo });
export const In2207Ext = In2207.extend({ data: In2207DataExt.describe('输入') });
export const Out2206Ext = Out2206.extend({ setlinfo: SetlInfoExt.describe('结算信息') });
export const Out2207Ext = Out2206Ext;
export const Out2208Ext = Out2208.extend({ setlinfo: ReversalSetlInfoExt.describe('结算信息 (冲销)') });

export const In2101DataExt = In2101Data.extend({ acct_mulaid_psn_no: mulaidPsnNo });
export const In2101Ext = In2101.extend({ data: In2101DataExt.describe('输入') });
export const In2102DataExt = In2102Data.extend({ acct_mulaid_psn_no: mulaidPsnNo });
export const In2102Ext = In2102.extend({ data: In2102DataExt.describe('输入') });
export const Out2101Ext = Out2101.extend({ setlinfo: SetlInfoExt.describe('结算信息') });
export const Out2102Ext = Out2101Ext;
export const Out2103Ext = Out2103.extend({ setlinfo: ReversalSetlInfoExt.describe('结算信息 (冲销)') });

export type Out1101Decoded = z.output<typeof Out1101Ext>;

/** Which insuinfo entry is the person's basic insurance: employee basic first, then resident. */
function pickBasicInsurance(insuinfo: Out1101Decoded['insuinfo']) {
  const active = insuinfo.filter((i) => i.psn_insu_stas === '' || i.psn_insu_stas === '1');
  const pool = active.length ? active : insuinfo;
  return pool.find((i) => i.insutype === '310') ?? pool.find((i) => i.insutype === '390') ?? pool[0];
}

/**
 * The decoded 1101 output (with the extension) as the domain's Person.
 * `today` supplies the year when the center sends no ytdinfo (then nothing is assumed used).
 */
export function personFrom1101(output: Out1101Decoded, opts: { today?: Date } = {}): Person {
  const insu = pickBasicInsurance(output.insuinfo);
  if (!insu) throw new Error('1101 output has no insuinfo: cannot tell the person\'s insurance');
  const parsedInsutype = InsutypeSchema.safeParse(insu.insutype);
  if (!parsedInsutype.success) throw new Error(`insuinfo.insutype is not a known insurance type: ${insu.insutype}`);
  const insutype: Insutype = parsedInsutype.data;
  const hasAccount = insutype === '310';
  const year = Number(formatCstDate(opts.today ?? new Date()).slice(0, 4));
  const ytd = output.ytdinfo
    ? {
        year: output.ytdinfo.year,
        dedc_used: output.ytdinfo.dedc_used,
        hifp_paid: output.ytdinfo.hifp_paid,
        hifmi_paid: output.ytdinfo.hifmi_paid,
      }
    : { year, dedc_used: 0, hifp_paid: 0, hifmi_paid: 0 };
  const b = output.baseinfo;
  return {
    psn_no: b.psn_no,
    psn_name: b.psn_name,
    gend: b.gend,
    brdy: b.brdy,
    age: Math.max(0, b.age),
    certno: b.certno,
    insutype,
    psn_type: insu.psn_type,
    psn_insu_stas: insu.psn_insu_stas,
    insuplc_admdvs: insu.insuplc_admdvs,
    cvlserv_flag: insu.cvlserv_flag === '1',
    balc: hasAccount ? insu.balc : 0,
    hasAccount,
    ytd,
    filing: output.filing
      ? { insuplc_admdvs: output.filing.insuplc_admdvs, begn_date: output.filing.begn_date, end_date: output.filing.end_date }
      : null,
    mulaid: output.mulaid.map((m) => ({
      psn_no: m.psn_no,
      psn_name: m.psn_name,
      relation: m.relation,
      insutype: m.insutype,
      balc: m.balc,
      bind_begn_date: m.bind_begn_date,
      bind_end_date: m.bind_end_date,
    })),
  };
}
