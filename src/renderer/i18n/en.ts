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
import { receipts } from './en/receipts.js';
import type { MessageKey } from './zh-CN.js';

export const enAreas = { common, login, identify, bill, settle, list, sync, reconcile, devices, statusbar, help, dev, messages, counter, receipts };

export const en: Record<MessageKey, string> = { ...common, ...login, ...identify, ...bill, ...settle, ...list, ...sync, ...reconcile, ...devices, ...statusbar, ...help, ...dev, ...messages, ...counter, ...receipts };
