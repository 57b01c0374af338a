/** HIS bills by number, removing an HIS line with a supervisor's approval, the results owed to the HIS. */
import type { his as zh } from '../zh-CN/his.js';

export const his: Record<keyof typeof zh, string> = {
  'hisNo.label': 'Prescription / visit no.',
  'hisNo.placeholder': 'Type or scan the prescription number, Enter loads it',
  'hisNo.load': 'Load',
  'hisNo.empty': 'Enter the prescription / visit number',
  'hisNo.loaded': 'Prescription {no} loaded from the HIS',
  'hisNo.removed': '{n} line(s) removed (supervisor approved)',
  'hisRemove.title': 'Removing an HIS line needs a supervisor',
  'hisRemove.summary': 'Prescription {no}, line {n}: {name}',
  'hisRemove.reason': 'Reason',
  'hisRemove.reasonPlaceholder': 'e.g. the patient does not take this drug',
  'hisRemove.reasonRequired': 'Give a reason',
  'hisRemove.supervisor': 'Supervisor no.',
  'hisRemove.pin': 'Supervisor PIN',
  'hisRemove.confirm': 'Approve and remove',
  'hisRemove.onlyByNumber': 'Only lines of a prescription loaded by number from the HIS can be removed; change a file bill in the HIS and export it again',
  'unmapped.mark': 'unmapped · self-pay',
  'unmapped.no_mapping': 'This item maps to no national catalog code: it is settled fully self-paid',
  'unmapped.not_in_national': 'The national code this item maps to is not in the national catalog now: it is settled fully self-paid',
  'hisDev.title': 'HIS simulator',
  'hisDev.newBill': 'New demo prescription',
  'hisDev.billNo': 'Prescription {no} (type or scan it in outpatient mode)',
  'hisNotices.count': 'HIS pending {n}',
  'hisNotices.none': 'HIS up to date',
  'hisNotices.retry': 'Click to send again now',
} as const;
