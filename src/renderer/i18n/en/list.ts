/** Today's settlements (F6) and reversing one. */
import type { list as zh } from '../zh-CN/list.js';

export const list: Record<keyof typeof zh, string> = {
  'list.title': "Today's settlements",
  'list.open': "Today's settlements",
  'list.col.time': 'Time',
  'list.col.name': 'Name',
  'list.col.kind': 'Kind',
  'list.col.medfee': 'Total',
  'list.col.fund': 'Fund',
  'list.col.acct': 'Account',
  'list.col.mulaid': 'Co-pay',
  'list.col.cash': 'Cash',
  'list.col.status': 'Status',
  'list.empty': 'No settlements today',
  'list.reverse': 'Reverse',
  'list.refresh': 'Refresh',
  'list.count': '{n} in total',
  'kind.pharmacy': 'Pharmacy',
  'kind.outpatient': 'Outpatient',
  'reverse.title': 'Reverse settlement',
  'reverse.summary': '{name} · {time} · total {amount}',
  'reverse.reason': 'Reason',
  'reverse.reasonPlaceholder': 'e.g. the patient returned the medicine',
  'reverse.confirm': 'Reverse',
  'reverse.reasonRequired': 'Enter a reason',
};
