/** The developer panel (F12, embedded default only): demo people and fault switches. */
import type { dev as zh } from '../zh-CN/dev.js';

export const dev: Record<keyof typeof zh, string> = {
  'dev.title': 'Developer panel',
  'dev.people': 'Demo patients',
  'dev.presentCard': 'Insert card',
  'dev.presentQr': 'Scan QR',
  'dev.centerDown': 'Simulate center outage',
  'dev.delay': 'Reply delay (ms)',
  'dev.garbage': 'Simulate garbage replies',
  'dev.apply': 'Apply',
  'dev.balance': 'Authorizer balance',
  'dev.balancePsnNo': 'Person no.',
  'dev.lookup': 'Look up',
  'dev.balanceShort': 'Balance',
  'dev.balanceIs': 'Balance: {amount}',
  'dev.faults': 'Fault switches',
  'dev.timeoutAfterCommit': 'Apply, then drop the reply (unknown outcome)',
  'dev.http500': 'Answer HTTP 500',
  'dev.businessError': 'Business refusal',
  'dev.infcode': 'infcode',
  'dev.errMsg': 'err_msg',
  'dev.driftedPolicy': 'Drifted policy at the center',
  'dev.dedupe': 'Deduplicate by msgid',
  'dev.onlyInfno': 'Only transaction',
  'dev.allInfno': 'All transactions',
};
