/**
 * What a slip is made from: plain data read from the store (queue/slip-facts.ts), so the layout is a
 * pure function of it. Times are already written in the business time zone; amounts are fen.
 */
import type { MedType, Split } from '../../../shared/domain.js';

export interface InstitutionFacts {
  fixmedins_code: string;
  fixmedins_name: string;
  terminal_id: string;
  /** the window's name at the counter (收费窗口), when configured */
  window: string | null;
}

export interface CommonFacts {
  institution: InstitutionFacts;
  cashier: { no: string; name: string };
  /** yyyy-MM-dd HH:mm:ss, business time zone */
  printedAt: string;
  /** a reprint (补打): its number, 1 for the first reprint */
  reprintNo: number | null;
  /**
   * The head of the tamper-evident audit chain when the slip was made (issue 13 provides it; null
   * until then). Printed in the footer so a slip can be matched to the audit log.
   */
  auditChainHead: string | null;
}

export interface PatientFacts {
  name_masked: string;
  certno_masked: string;
  insutype: string;
  med_type: MedType;
}

export interface SlipItem {
  /** 01 / 02 / 03 */
  chrgitm_lv: '01' | '02' | '03';
  name: string;
  spec: string;
  /** quantity as decimal text, with the unit when known ("2盒") */
  qty: string;
  price: number;
  amount: number;
}

export interface SettlementSlipFacts extends CommonFacts {
  kind: 'settlement';
  /** the terminal's id of the settlement (流水号, the QR code when the center has not answered) */
  settlementId: string;
  setl_id: string | null;
  mdtrt_id: string | null;
  /** yyyy-MM-dd HH:mm:ss, when it was confirmed */
  settledAt: string;
  /** the center answered: `split` is the center's (authoritative); otherwise the local preview */
  confirmedByCenter: boolean;
  /** a reprint after the settlement was reversed (or while it is) says so */
  reversal: 'reversing' | 'reversed' | null;
  patient: PatientFacts;
  items: SlipItem[];
  split: Split;
  /** own account: the balance after this settlement (the center's setlinfo.balc, else as the terminal priced it); null without an account */
  acctBalanceAfter: number | null;
  /** family co-pay (家庭共济): who paid, the amount is split.acct_mulaid_pay */
  mulaid: { relation: string; name_masked: string; balanceAfter: number | null } | null;
  /** the cashier's figures at the counter */
  cash: { dueAtTender: number; received: number | null; change: number | null };
}

export interface ReversalSlipFacts extends CommonFacts {
  kind: 'reversal';
  settlementId: string;
  /** the original settlement's setl_id (null: it never reached the center) */
  originalSetlId: string | null;
  /** the reversal record's setl_id (the center's 2208/2103 answer), null while not confirmed */
  reversalSetlId: string | null;
  mdtrt_id: string | null;
  settledAt: string;
  reversedAt: string;
  confirmedByCenter: boolean;
  reason: string;
  patient: PatientFacts;
  /** what the settlement took, and so what goes back */
  split: Split;
  mulaid: { relation: string; name_masked: string } | null;
}

export type SlipFacts = SettlementSlipFacts | ReversalSlipFacts;
