/**
 * 1101 人员信息获取: find the person by credential (03 card + card_sn, 02 ID number, 01 e-voucher
 * token), check the optional name and ID number, and answer with the national output plus the
 * simulator's extensions (co-pay authorizers `mulaid`, year-to-date state, cross-region filing).
 */
import { refuse } from '../refusal.js';
import type { PersonRow } from '../store/index.js';
import { ageOn } from './common.js';
import type { Family, Handler } from './context.js';

const h1101: Handler<'1101'> = (input, ctx) => {
  const d = input.data;
  const no = d.mdtrt_cert_no.trim();
  let p: PersonRow | undefined;
  if (d.mdtrt_cert_type === '03') {
    p = ctx.store.people.byCard(no.toUpperCase());
    if (p && d.card_sn && d.card_sn.toUpperCase() !== p.card_sn) refuse('社会保障卡卡识别码与卡号不符 (card_sn)');
  } else if (d.mdtrt_cert_type === '02') {
    p = ctx.store.people.byCertno(no.toUpperCase());
  } else {
    p = ctx.store.people.byQr(no);
    if (!p) refuse('医保电子凭证无效或已过期，请刷新后重新出示 (mdtrt_cert_no)');
  }
  if (!p) refuse('未查询到参保人员信息');
  if (d.certno && d.certno.toUpperCase() !== p.certno) refuse('证件号码与参保信息不符 (certno)');
  if (d.psn_name && d.psn_name !== p.psn_name) refuse('人员姓名与证件号码不符 (psn_name)');
  const year = Number(ctx.date.slice(0, 4));
  const ytd = ctx.store.ytd.get(p.psn_no, year);
  const mulaid = ctx.store.bindings.ofUser(p.psn_no).map((b) => {
    const a = ctx.store.people.get(b.authorizer_psn_no) as PersonRow;
    return {
      psn_no: a.psn_no,
      psn_name: a.psn_name,
      relation: b.relation,
      insutype: a.insutype as '310' | '390',
      balc: a.insutype === '310' ? a.balc : 0,
      bind_begn_date: b.begn_date,
      bind_end_date: b.end_date,
    };
  });
  return {
    baseinfo: {
      psn_no: p.psn_no,
      psn_cert_type: '01',
      certno: p.certno,
      psn_name: p.psn_name,
      gend: p.gend,
      naty: p.naty,
      brdy: p.brdy,
      age: ageOn(p.brdy, ctx.date),
    },
    insuinfo: [
      {
        balc: p.insutype === '310' ? p.balc : 0,
        insutype: p.insutype,
        psn_type: p.psn_type,
        psn_insu_stas: p.psn_insu_stas,
        psn_insu_date: p.psn_insu_date,
        paus_insu_date: '',
        cvlserv_flag: p.cvlserv_flag ? '1' : '0',
        insuplc_admdvs: p.insuplc_admdvs,
        emp_name: p.emp_name,
      },
    ],
    idetinfo: [],
    mulaid,
    ytdinfo: { ...ytd },
    filing:
      p.filing_admdvs && p.filing_begn && p.filing_end
        ? { insuplc_admdvs: p.filing_admdvs, begn_date: p.filing_begn, end_date: p.filing_end }
        : null,
  };
};

export const personInfo = { '1101': h1101 } satisfies Family;
