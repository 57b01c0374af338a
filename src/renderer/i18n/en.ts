/** English, in the same areas as zh-CN.ts: each en/ module carries exactly the keys of its zh-CN/ twin. */
import { common } from './en/common.js';
import { login } from './en/login.js';
import { identify } from './en/identify.js';
import { bill } from './en/bill.js';
import { settle } from './en/settle.js';
import { list } from './en/list.js';
import { sync } from './en/sync.js';
import { reconcile } from './en/reconcile.js';
import { devices } from './en/devices.js';
import { statusbar } from './en/statusbar.js';
import { help } from './en/help.js';
import { dev } from './en/dev.js';
import { messages } from './en/messages.js';
import { counter } from './en/counter.js';
import { security } from './en/security.js';
import { catalog } from './en/catalog.js';
import { his } from './en/his.js';
import { hisErrors } from './en/his-errors.js';
import { centerCheck } from './en/center-check.js';
import { receipts } from './en/receipts.js';
import { institution } from './en/institution.js';
import { institutionEod } from './en/institution-eod.js';
import { windowDay } from './en/window-day.js';
import type { MessageKey } from './zh-CN.js';

/** the areas, one per line, as in zh-CN.ts */
export const enAreas = {
  common,
  login,
  identify,
  bill,
  settle,
  list,
  sync,
  reconcile,
  devices,
  statusbar,
  help,
  dev,
  messages,
  counter,
  security,
  catalog,
  his,
  hisErrors,
  centerCheck,
  receipts,
  institution,
  institutionEod,
  windowDay,
};

export const en: Record<MessageKey, string> = Object.assign({}, ...Object.values(enAreas));
