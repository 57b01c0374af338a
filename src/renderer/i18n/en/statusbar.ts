/** The status bar: devices, the center, the outbox, the cashier, the language switch. */
import type { statusbar as zh } from '../zh-CN/statusbar.js';

export const statusbar: Record<keyof typeof zh, string> = {
  'statusbar.devices': 'Devices',
  'statusbar.noDevices': 'No devices',
  'statusbar.openDevices': 'Show the devices and choose which one to use',
  'center.label': 'Center',
  'center.online': 'online',
  'center.offline': 'offline',
  'center.unknown': 'unknown',
  'center.signedIn': 'signed in',
  'center.notSignedIn': 'not signed in',
  'outbox.depth': 'To upload {n}',
  'outbox.parked': 'Parked {n}',
  'outbox.sending': 'uploading',
  'retry': 'Retry now',
  'cashier.label': 'Cashier',
  'cashier.none': 'not signed in',
  'logout': 'Sign out',
  'lang.switch': '中文',
};
