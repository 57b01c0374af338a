/**
 * Domain schemas shared by the renderer, the main process and the simulator.
 * Field names follow the national interface where a national name exists (DOMAIN.md).
 * Every amount is integer fen (see money.ts); every ratio is basis points.
 */
import { z } from 'zod';
import { isRealDate, MAX_UNIT_PRICE_FEN } from './limits.js';

export const fen = z.number().int().nonnegative().describe('amount in fen (integer)');
export const bp = z.number().int().min(0).max(10000).describe('ratio in basis points (7000 = 70%)');
export const qtyText = z
  .string()
  .regex(/^\d{1,6}(\.\d{1,4})?$/, 'quantity must be a positive decimal with at most 4 places')
  .refine((s) => Number(s) > 0, 'quantity must be greater than 0')
  .describe('quantity as decimal text, e.g. "1.5"');
export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'date must be yyyy-MM-dd').refine(isRealDate, 'not a real calendar date');
export const isoDateTime = z.string().describe('ISO-8601 timestamp');
/** a cashier's number and PIN: the contract checks them, the sign-in screens check them before sending */
export const CASHIER_NO_PATTERN = /^\d{4}$/;
export const PIN_PATTERN = /^\d{4,8}$/;

/** 01 e-voucher QR (医保电子凭证), 02 resident ID card, 03 social-security card. */
export const MdtrtCertType = z.enum(['01', '02', '03']);
export type MdtrtCertType = z.infer<typeof MdtrtCertType>;

/** 310 employee basic, 390 urban-rural resident basic. */
export const Insutype = z.enum(['310', '320', '330', '390', '392']);
export type Insutype = z.infer<typeof Insutype>;

/** 11 general outpatient, 14 chronic/special outpatient, 21 inpatient, 41 pharmacy purchase. */
export const MedType = z.enum(['11', '14', '21', '41']);
export type MedType = z.infer<typeof MedType>;

/** 01 class A (甲类), 02 class B (乙类), 03 class C (丙类). */
export const ChrgitmLv = z.enum(['01', '02', '03']);
export type ChrgitmLv = z.infer<typeof ChrgitmLv>;

export const HospLevel = z.union([z.literal(1), z.literal(2), z.literal(3)]);
export type HospLevel = z.infer<typeof HospLevel>;

export const BillKind = z.enum(['pharmacy', 'outpatient']);
export type BillKind = z.infer<typeof BillKind>;

/** Where an identity came from. */
export const IdentitySource = z.enum(['card', 'qr', 'typed']);
export type IdentitySource = z.infer<typeof IdentitySource>;

/** A credential as presented at the counter, before the center is asked. Lives on the main side. */
export const Identity = z.object({
  source: IdentitySource,
  mdtrt_cert_type: MdtrtCertType,
  /** card number (03), ecToken or QR text (01), ID number (02) */
  mdtrt_cert_no: z.string().min(1).max(600),
  card_sn: z.string().max(64).optional(),
  /** ID number read from the card, when the credential carries it */
  certno: z.string().max(18).optional(),
  psn_name: z.string().max(50).optional(),
  insuplc_admdvs: z.string().regex(/^\d{6}$/).optional(),
  deviceId: z.string().optional(),
});
export type Identity = z.infer<typeof Identity>;

/** Year-to-date state of a person's pooling, as 1101 (extended) or the local cache reports it. */
export const YtdState = z.object({
  year: z.number().int(),
  /** deductible already met this year (fen) */
  dedc_used: fen,
  /** pooling fund already paid this year */
  hifp_paid: fen,
  /** critical-illness insurance already paid this year */
  hifmi_paid: fen,
});
export type YtdState = z.infer<typeof YtdState>;

export const Relation = z.enum(['spouse', 'child', 'parent']);
export type Relation = z.infer<typeof Relation>;

/** Why an authorizer's co-pay account cannot be used for this person now. */
export const MulaidUnusableReason = z.enum(['not_employee', 'zero_balance', 'binding_expired', 'not_bound']);
export type MulaidUnusableReason = z.infer<typeof MulaidUnusableReason>;

/** A family co-pay authorizer (授权人) as the center's extended 1101 returns it (main side, unmasked). */
export const MulaidAuthorizer = z.object({
  psn_no: z.string(),
  psn_name: z.string(),
  relation: Relation,
  insutype: Insutype,
  /** authorizer's personal-account balance available to this user */
  balc: fen,
  bind_begn_date: isoDate,
  bind_end_date: isoDate,
});
export type MulaidAuthorizer = z.infer<typeof MulaidAuthorizer>;

/** The same authorizer as the renderer sees it: masked name, usability decided on the main side. */
export const AuthorizerView = z.object({
  psn_no: z.string(),
  name_masked: z.string(),
  relation: Relation,
  insutype: Insutype,
  balc: fen,
  bind_end_date: isoDate,
  usable: z.boolean(),
  reason: MulaidUnusableReason.nullable(),
});
export type AuthorizerView = z.infer<typeof AuthorizerView>;

/** Cross-region filing (异地就医备案) of a person insured elsewhere. */
export const CrossRegionFiling = z.object({
  insuplc_admdvs: z.string().regex(/^\d{6}$/),
  begn_date: isoDate,
  end_date: isoDate,
});
export type CrossRegionFiling = z.infer<typeof CrossRegionFiling>;

/** A person as identified by 1101, on the main side (holds the full ID number). */
export const Person = z.object({
  psn_no: z.string(),
  psn_name: z.string(),
  gend: z.string(),
  brdy: isoDate,
  age: z.number().int().nonnegative(),
  certno: z.string(),
  insutype: Insutype,
  psn_type: z.string(),
  psn_insu_stas: z.string(),
  insuplc_admdvs: z.string().regex(/^\d{6}$/),
  cvlserv_flag: z.boolean(),
  /** own personal-account balance; 0 for a resident (no account) */
  balc: fen,
  hasAccount: z.boolean(),
  ytd: YtdState,
  /** set when insured outside the treatment division; null when no filing exists */
  filing: CrossRegionFiling.nullable(),
  mulaid: z.array(MulaidAuthorizer),
});
export type Person = z.infer<typeof Person>;

/** A person as the renderer sees it. */
export const PersonView = z.object({
  /** handle to pass back to preview/confirm; valid while the main side keeps the person */
  personRef: z.string(),
  psn_no: z.string(),
  name: z.string(),
  certno_masked: z.string(),
  gend: z.string(),
  age: z.number().int(),
  insutype: Insutype,
  insuplc_admdvs: z.string(),
  crossRegion: z.boolean(),
  /** for cross-region: whether a filing covers today */
  filingValid: z.boolean(),
  hasAccount: z.boolean(),
  balc: fen,
  /** the year's accumulations a patient asks about (deductible left, pooling paid, left to the annual cap), or null without a policy */
  year: z.object({ dedc_left: fen, pool_paid: fen, pool_cap_left: fen }).nullable().default(null),
  authorizers: z.array(AuthorizerView),
  /** true when taken from the local cache because the center could not be reached */
  stale: z.boolean(),
  identifiedBy: IdentitySource,
  mdtrt_cert_type: MdtrtCertType,
});
export type PersonView = z.infer<typeof PersonView>;

/** Why an item sells fully self-paid: no national code, or one the national catalog does not hold now. */
export const UnmappedReason = z.enum(['no_mapping', 'not_in_national']);
export type UnmappedReason = z.infer<typeof UnmappedReason>;
/** An item as the counter sells it: the institution's own entry joined with the national entry it maps to (对照). */
export const CatalogItem = z.object({
  /** the institution's own code (medins_list_codg, what a bill line names) and the national code it maps to (null: unmapped) */
  code: z.string().min(1).max(50),
  med_list_codg: z.string().max(50).nullable(),
  barcode: z.string().max(50).optional(),
  name: z.string(),
  spec: z.string().default(''),
  unit: z.string(),
  kind: z.enum(['drug', 'service', 'material']),
  /** class, class-B first self-pay share (0 for A and C) and price cap per unit (null: none) from the national catalog; 03 when unmapped */
  chrgitm_lv: ChrgitmLv,
  selfpay_prop: bp,
  pric_uplmt_amt: fen.nullable(),
  /** unit price at this institution */
  price: fen,
  whole_units: z.boolean(), // sold only in whole units; `fractional` is the same fact the other way round
  fractional: z.boolean(),
  /** null when the national catalog covers it; else why it sells fully self-paid (marked on the line) */
  unmapped: UnmappedReason.nullable(),
});
export type CatalogItem = z.infer<typeof CatalogItem>;

/** One line of a bill as the engine needs it: everything inline, no catalog lookup. */
export const SplitLine = z.object({
  line_no: z.number().int().positive(),
  code: z.string(),
  name: z.string().default(''),
  chrgitm_lv: ChrgitmLv,
  pric: fen,
  cnt: qtyText,
  selfpay_prop: bp,
  pric_uplmt_amt: fen.nullable(),
});
export type SplitLine = z.infer<typeof SplitLine>;

/**
 * Policy numbers already resolved for one person, one bill (DOMAIN.md "The split of one bill").
 * The engine takes these; resolving them from a policy file is a separate step.
 */
export const PolicyNumbers = z.object({
  /** deductible still unmet this year */
  dedc_left: fen,
  /** pooling ratio */
  pool_ratio: bp,
  /** annual pooling cap left */
  pool_cap_left: fen,
  /** critical-illness insurance ratio above the cap (0 = none) */
  hifmi_ratio: bp,
  /** critical-illness cap left */
  hifmi_cap_left: fen,
  /** civil-servant subsidy ratio on the co-insurance share (0 = none) */
  cvlserv_ratio: bp.default(0),
  /** whether the personal account (and co-pay account) may pay class-C / fully self-paid amounts */
  acct_may_pay_class_c: z.boolean(),
  /** the policy version that produced these numbers */
  policy_version: z.string().default('inline'),
});
export type PolicyNumbers = z.infer<typeof PolicyNumbers>;

export const PersonPayState = z.object({
  /** own personal-account balance */
  acct_balc: fen,
  acct_used: z.boolean(),
  /** chosen co-pay authorizer's balance; null = no co-pay */
  mulaid_balc: fen.nullable(),
  /** false when the fund must not pay (e.g. cross-region without filing) */
  fund_allowed: z.boolean(),
  fund_refused_reason: z.string().nullable().default(null),
});
export type PersonPayState = z.infer<typeof PersonPayState>;

export const SplitRequest = z.object({
  lines: z.array(SplitLine).min(1),
  policy: PolicyNumbers,
  person: PersonPayState,
});
export type SplitRequest = z.infer<typeof SplitRequest>;

/** Per-line result, national names (2204 output). */
export const SplitLineResult = z.object({
  line_no: z.number().int(),
  code: z.string(),
  chrgitm_lv: ChrgitmLv,
  det_item_fee_sumamt: fen,
  fulamt_ownpay_amt: fen,
  overlmt_amt: fen,
  preselfpay_amt: fen,
  inscp_scp_amt: fen,
  selfpay_prop: bp,
  pric_uplmt_amt: fen.nullable(),
});
export type SplitLineResult = z.infer<typeof SplitLineResult>;

/** One step of the explanation a cashier can read to a patient. */
export const ExplanationStep = z.object({
  key: z.string(),
  zh: z.string(),
  en: z.string(),
  amount: fen.nullable(),
});
export type ExplanationStep = z.infer<typeof ExplanationStep>;

/** The split of one bill (2207 setlinfo amounts), all fen. Invariant: fund + acct + mulaid + cash = medfee. */
export const Split = z.object({
  medfee_sumamt: fen,
  fulamt_ownpay_amt: fen,
  overlmt_selfpay: fen,
  preselfpay_amt: fen,
  inscp_scp_amt: fen,
  act_pay_dedc: fen,
  hifp_pay: fen,
  pool_prop_selfpay: fen,
  cvlserv_pay: fen,
  hifmi_pay: fen,
  hifob_pay: fen,
  fund_pay_sumamt: fen,
  psn_part_amt: fen,
  acct_pay: fen,
  acct_mulaid_pay: fen,
  psn_cash_pay: fen,
});
export type Split = z.infer<typeof Split>;

export const SplitResult = z.object({
  split: Split,
  lines: z.array(SplitLineResult),
  explanation: z.array(ExplanationStep),
  /** year-to-date state after this settlement */
  ytd_delta: z.object({ dedc_used: fen, hifp_paid: fen, hifmi_paid: fen }),
  policy_version: z.string(),
});
export type SplitResult = z.infer<typeof SplitResult>;

/** Life of a settlement on this terminal. */
export const SettlementStatus = z.enum([
  'queued', // committed locally, not yet accepted by the center
  'settled', // center accepted (2207/2102 ok)
  'refused', // center refused with a business error; parked, shown to the cashier
  'reversing', // reversal committed locally, not yet accepted
  'reversed', // center accepted the reversal
]);
export type SettlementStatus = z.infer<typeof SettlementStatus>;

export const SettlementLineView = z.object({
  line_no: z.number().int(),
  code: z.string(),
  name: z.string(),
  chrgitm_lv: ChrgitmLv,
  pric: fen,
  cnt: qtyText,
  amount: fen,
});
export type SettlementLineView = z.infer<typeof SettlementLineView>;

export const SettlementView = z.object({
  id: z.string(),
  kind: BillKind,
  med_type: MedType,
  status: SettlementStatus,
  created_at: isoDateTime,
  cashier_no: z.string(),
  psn_no: z.string(),
  psn_name_masked: z.string(),
  certno_masked: z.string(),
  insutype: Insutype,
  mulaid_psn_no: z.string().nullable(),
  mulaid_name_masked: z.string().nullable(),
  /** the split the terminal previewed and the cashier confirmed */
  local: Split,
  /** the split the center answered with (authoritative) */
  center: Split.nullable(),
  setl_id: z.string().nullable(),
  mdtrt_id: z.string().nullable(),
  /** the last error from the center (business refusal or why it is still queued) */
  last_error: z.string().nullable(),
  lines: z.array(SettlementLineView),
  explanation: z.array(ExplanationStep),
  policy_version: z.string(),
});
export type SettlementView = z.infer<typeof SettlementView>;

/** A line of the bill the cashier is building (renderer → main). Prices come from the catalog or the HIS bill. */
export const BillLineInput = z.object({
  code: z.string().min(1).max(50),
  qty: qtyText,
  /** price override in fen, only for outpatient (HIS) bills */
  pric: fen.max(MAX_UNIT_PRICE_FEN, 'price above 1,000,000.00 yuan').optional(),
  name: z.string().max(100).optional(),
});
export type BillLineInput = z.infer<typeof BillLineInput>;

export const Role = z.enum(['cashier', 'supervisor', 'administrator']);
export type Role = z.infer<typeof Role>;

/** ID numbers show only the first 6 and last 4 characters. */
export function maskCertno(certno: string): string {
  if (certno.length <= 10) return '*'.repeat(certno.length);
  return certno.slice(0, 6) + '*'.repeat(certno.length - 10) + certno.slice(-4);
}

/** Names show only the first character: 张三丰 → 张**. */
export function maskName(name: string): string {
  const chars = Array.from(name);
  if (chars.length === 0) return '';
  return chars[0] + '*'.repeat(Math.max(1, chars.length - 1));
}
