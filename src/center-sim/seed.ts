/**
 * The simulator's deterministic demo population (Zhaotong 530600 unless noted): every person the
 * terminal's flows need, including one case for every reason a co-pay authorizer can be unusable.
 * Names are fictitious; ID numbers are well-formed (check digit computed) but invented.
 */
import { createHash } from 'node:crypto';
import { makeIdNumber } from '../devices/card/id-number.js';

export type SeedRelation = 'spouse' | 'child' | 'parent';

export interface SeedPerson {
  psn_no: string;
  label: string;
  psn_name: string;
  /** 1 male, 2 female */
  gend: '1' | '2';
  brdy: string;
  /** birthplace area code (first 6 digits of the ID number) */
  area: string;
  seq: number;
  insutype: '310' | '390';
  /** 11 employee in service, 21 retired employee, 1 resident adult, 3 resident minor */
  psn_type: string;
  insuplc_admdvs: string;
  emp_name: string;
  /** personal-account balance, fen (0 for residents, who have no account) */
  balc: number;
  cvlserv_flag: boolean;
  /** year-to-date state seeded for the current year */
  ytd?: { dedc_used: number; hifp_paid: number; hifmi_paid: number };
  filing?: { insuplc_admdvs: string; begn_date: string; end_date: string };
}

export interface SeedBinding {
  /** the family member who uses the account (使用人) */
  user: string;
  /** the account owner (授权人) */
  authorizer: string;
  /** what the user is to the authorizer */
  relation: SeedRelation;
  begn_date: string;
  end_date: string;
}

const LONG_TERM = '2099-12-31';

export const SEED_PEOPLE: SeedPerson[] = [
  { psn_no: '530600000000000001', label: '职工·账户充足 张伟', psn_name: '张伟', gend: '1', brdy: '1978-03-15', area: '530602', seq: 11, insutype: '310', psn_type: '11', insuplc_admdvs: '530600', emp_name: '昭通市昭阳区第一中学', balc: 238650, cvlserv_flag: false, ytd: { dedc_used: 5000, hifp_paid: 0, hifmi_paid: 0 } },
  { psn_no: '530600000000000002', label: '职工·账户余额为零 李娜 (李明的共济授权人)', psn_name: '李娜', gend: '2', brdy: '1985-07-22', area: '530621', seq: 24, insutype: '310', psn_type: '11', insuplc_admdvs: '530600', emp_name: '鲁甸县人民医院', balc: 0, cvlserv_flag: false },
  { psn_no: '530600000000000003', label: '城乡居民 王秀英', psn_name: '王秀英', gend: '2', brdy: '1962-11-03', area: '530622', seq: 36, insutype: '390', psn_type: '1', insuplc_admdvs: '530600', emp_name: '', balc: 0, cvlserv_flag: false, ytd: { dedc_used: 5000, hifp_paid: 12000, hifmi_paid: 0 } },
  { psn_no: '530600000000000004', label: '职工·家庭共济授权人 陈建国', psn_name: '陈建国', gend: '1', brdy: '1975-05-20', area: '530602', seq: 15, insutype: '310', psn_type: '11', insuplc_admdvs: '530600', emp_name: '昭通市交通运输局', balc: 512000, cvlserv_flag: true },
  { psn_no: '530600000000000005', label: '居民·共济使用人(陈建国之妻) 刘芳', psn_name: '刘芳', gend: '2', brdy: '1977-09-08', area: '530602', seq: 28, insutype: '390', psn_type: '1', insuplc_admdvs: '530600', emp_name: '', balc: 0, cvlserv_flag: false },
  { psn_no: '530600000000000006', label: '居民·共济使用人(陈建国之女) 陈思雨', psn_name: '陈思雨', gend: '2', brdy: '2014-04-12', area: '530602', seq: 42, insutype: '390', psn_type: '3', insuplc_admdvs: '530600', emp_name: '', balc: 0, cvlserv_flag: false },
  { psn_no: '530600000000000007', label: '居民·共济使用人(陈建国之父) 陈德明', psn_name: '陈德明', gend: '1', brdy: '1948-01-30', area: '530602', seq: 17, insutype: '390', psn_type: '1', insuplc_admdvs: '530600', emp_name: '', balc: 0, cvlserv_flag: false, ytd: { dedc_used: 2000, hifp_paid: 0, hifmi_paid: 0 } },
  { psn_no: '530600000000000008', label: '居民·未绑定共济(陈建国之弟) 陈建华', psn_name: '陈建华', gend: '1', brdy: '1979-12-02', area: '530602', seq: 33, insutype: '390', psn_type: '1', insuplc_admdvs: '530600', emp_name: '', balc: 0, cvlserv_flag: false },
  { psn_no: '530600000000000009', label: '职工·共济绑定已过期的授权人 赵志强', psn_name: '赵志强', gend: '1', brdy: '1970-02-14', area: '530623', seq: 51, insutype: '310', psn_type: '11', insuplc_admdvs: '530600', emp_name: '盐津县供电局', balc: 150000, cvlserv_flag: false },
  { psn_no: '530600000000000010', label: '居民·共济绑定已过期 赵小红', psn_name: '赵小红', gend: '2', brdy: '2001-06-18', area: '530623', seq: 62, insutype: '390', psn_type: '1', insuplc_admdvs: '530600', emp_name: '', balc: 0, cvlserv_flag: false },
  { psn_no: '530600000000000011', label: '居民·授权人(非职工) 孙桂兰', psn_name: '孙桂兰', gend: '2', brdy: '1968-08-08', area: '530624', seq: 74, insutype: '390', psn_type: '1', insuplc_admdvs: '530600', emp_name: '', balc: 0, cvlserv_flag: false },
  { psn_no: '530600000000000012', label: '居民·共济授权人非职工 周国强', psn_name: '周国强', gend: '1', brdy: '1966-03-03', area: '530624', seq: 85, insutype: '390', psn_type: '1', insuplc_admdvs: '530600', emp_name: '', balc: 0, cvlserv_flag: false },
  { psn_no: '530600000000000013', label: '居民·共济授权人余额为零 李明', psn_name: '李明', gend: '1', brdy: '2012-10-10', area: '530621', seq: 93, insutype: '390', psn_type: '3', insuplc_admdvs: '530600', emp_name: '', balc: 0, cvlserv_flag: false },
  { psn_no: '530100000000000014', label: '异地(昆明参保)·已备案 杨光荣', psn_name: '杨光荣', gend: '1', brdy: '1980-11-11', area: '530102', seq: 19, insutype: '310', psn_type: '11', insuplc_admdvs: '530100', emp_name: '昆明市五华区建设局', balc: 80000, cvlserv_flag: false, filing: { insuplc_admdvs: '530100', begn_date: '2025-01-01', end_date: '2030-12-31' } },
  { psn_no: '530300000000000015', label: '异地(曲靖参保)·未备案 马云飞', psn_name: '马云飞', gend: '1', brdy: '1990-01-25', area: '530302', seq: 27, insutype: '310', psn_type: '11', insuplc_admdvs: '530300', emp_name: '曲靖市麒麟区物流公司', balc: 45000, cvlserv_flag: false },
];

export const SEED_BINDINGS: SeedBinding[] = [
  { user: '530600000000000005', authorizer: '530600000000000004', relation: 'spouse', begn_date: '2024-03-01', end_date: LONG_TERM },
  { user: '530600000000000006', authorizer: '530600000000000004', relation: 'child', begn_date: '2024-03-01', end_date: LONG_TERM },
  { user: '530600000000000007', authorizer: '530600000000000004', relation: 'parent', begn_date: '2024-03-01', end_date: LONG_TERM },
  // expired: the binding ran out before today
  { user: '530600000000000010', authorizer: '530600000000000009', relation: 'child', begn_date: '2023-01-01', end_date: '2025-06-30' },
  // a resident cannot share an account: the binding exists but is unusable (not_employee)
  { user: '530600000000000012', authorizer: '530600000000000011', relation: 'spouse', begn_date: '2024-05-01', end_date: LONG_TERM },
  // the authorizer's account is empty (zero_balance)
  { user: '530600000000000013', authorizer: '530600000000000002', relation: 'child', begn_date: '2024-09-01', end_date: LONG_TERM },
];

function digest(s: string): string {
  return createHash('sha256').update(s).digest('hex').toUpperCase();
}

export interface SeedCredentials {
  certno: string;
  card_no: string;
  card_sn: string;
  qr: string;
}

/** Card number (9), card identification code (32, starting with the issuing division), e-voucher token. */
export function credentialsFor(p: SeedPerson): SeedCredentials {
  const certno = makeIdNumber(p.area, p.brdy.replace(/-/g, ''), p.seq);
  const h = digest(`card:${p.psn_no}`);
  const digits = h.replace(/\D/g, '').padEnd(8, '7');
  return {
    certno,
    card_no: `D${digits.slice(0, 8)}`,
    card_sn: `${p.insuplc_admdvs}D156000005${h.slice(0, 16)}`,
    qr: `YBEC${digest(`ec:${p.psn_no}`).slice(0, 44)}`,
  };
}

/** The social-security card basic-info string (DOMAIN.md "Identification"), ending with '|'. */
export function basicInfoFor(p: SeedPerson, c: SeedCredentials): string {
  return [
    p.insuplc_admdvs,
    c.certno,
    c.card_no,
    c.card_sn,
    p.psn_name,
    '00814E43238697159900BF4F',
    '3.00',
    '20210315',
    '20360315',
    `${p.insuplc_admdvs}000001`,
    '00000001',
  ].join('|') + '|';
}
