/** The function keys: the legend and F1 help. */
import type { help as zh } from '../zh-CN/help.js';

export const help: Record<keyof typeof zh, string> = {
  'key.F1': 'Help',
  'key.F2': 'Next patient',
  'key.F3': 'ID number',
  'key.F4': 'Search items',
  'key.F5': 'Pharmacy/outpatient',
  'key.F6': "Today's list",
  'key.F7': 'Co-pay choice',
  'key.F8': 'Reverse',
  'key.F9': 'Confirm',
  'key.F10': 'Lock',
  'key.F12': 'Developer',
  'key.Escape': 'Close',
  'help.title': 'Keyboard shortcuts',
  'help.digits': 'Digits 1–9 / 0: choose a co-pay authorizer / none (when not typing in a field)',
  'help.arrows': '↑ ↓: move in search results or in the list',
};
