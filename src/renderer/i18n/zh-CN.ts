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
import { receipts } from './zh-CN/receipts.js';

/** the areas, for the check that no key is defined in two of them */
export const zhCNAreas = { common, login, identify, bill, settle, list, sync, reconcile, devices, statusbar, help, dev, messages, counter, receipts };

export const zhCN = { ...common, ...login, ...identify, ...bill, ...settle, ...list, ...sync, ...reconcile, ...devices, ...statusbar, ...help, ...dev, ...messages, ...counter, ...receipts };

export type MessageKey = keyof typeof zhCN;
