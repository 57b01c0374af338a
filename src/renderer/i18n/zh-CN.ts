/**
 * Chinese (the default), one module per area of the screen in zh-CN/: a new area adds its file and
 * a line in each list below. Every key exists in en.ts too (typed per area, checked in i18n.test.ts).
 */
import { common } from './zh-CN/common.js';
import { login } from './zh-CN/login.js';
import { identify } from './zh-CN/identify.js';
import { bill } from './zh-CN/bill.js';
import { settle } from './zh-CN/settle.js';
import { list } from './zh-CN/list.js';
import { sync } from './zh-CN/sync.js';
import { reconcile } from './zh-CN/reconcile.js';
import { devices } from './zh-CN/devices.js';
import { statusbar } from './zh-CN/statusbar.js';
import { help } from './zh-CN/help.js';
import { dev } from './zh-CN/dev.js';
import { messages } from './zh-CN/messages.js';
import { counter } from './zh-CN/counter.js';
import { security } from './zh-CN/security.js';
import { catalog } from './zh-CN/catalog.js';
import { his } from './zh-CN/his.js';
import { hisErrors } from './zh-CN/his-errors.js';
import { centerCheck } from './zh-CN/center-check.js';
import { receipts } from './zh-CN/receipts.js';
import { institution } from './zh-CN/institution.js';
import { institutionEod } from './zh-CN/institution-eod.js';
import { windowDay } from './zh-CN/window-day.js';

/** the areas, one per line: a new area adds its import and its line here (and the same in en.ts) */
export const zhCNAreas = {
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

type Merged<T> = (T extends unknown ? (x: T) => void : never) extends (x: infer I) => void ? I : never;
export const zhCN = Object.assign({}, ...Object.values(zhCNAreas)) as Merged<(typeof zhCNAreas)[keyof typeof zhCNAreas]>;

export type MessageKey = keyof typeof zhCN;
