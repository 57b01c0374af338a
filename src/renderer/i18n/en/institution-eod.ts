import type { institutionEod as zh } from '../zh-CN/institution-eod.js';

export const institutionEod: Record<keyof typeof zh, string> = {
  'instEod.scope.window': 'This window',
  'instEod.scope.institution': 'Institution',
  'instEod.run': 'Reconcile institution',
  'instEod.running': 'Reconciling the institution…',
  'instEod.status.incomplete': 'Cannot balance yet: windows not fully replicated',
  'instEod.none': 'The institution has not been reconciled for this day',
  'instEod.incomplete': 'Incomplete windows ({n}): the institution cannot balance',
  'instEod.reason.backlog': 'not replicated: {n} changes waiting, oldest of {date}',
  'instEod.reason.silent': 'silent: last heard {at}',
  'instEod.never': 'never',
  'instEod.windows': 'Per window',
  'instEod.col.window': 'Window',
  'instEod.diffs': 'Differences ({n})',
  'instEod.diff.where': 'window {window} · cashier {cashier}',
  'instEod.unknown': 'unknown',
  'instEod.pending': 'Pending at the center ({n})',
  'instEod.exported': 'Exported: {file}',
};
