/** Cashier sign-in and the lock screen. */
import type { login as zh } from '../zh-CN/login.js';

export const login: Record<keyof typeof zh, string> = {
  'login.title': 'Cashier sign-in',
  'login.cashier': 'Cashier no.',
  'login.pin': 'PIN',
  'login.submit': 'Sign in',
  'login.hint': 'Enter your 4-digit cashier number and PIN, then press Enter',
  'login.failed': 'Wrong cashier number or PIN',
  'login.cashierInvalid': 'The cashier number is 4 digits',
  'login.pinInvalid': 'The PIN is 4 to 8 digits',
  'lock.title': 'Screen locked',
  'lock.who': 'Cashier: {name} ({no})',
  'lock.pin': 'PIN',
  'lock.submit': 'Unlock',
  'lock.hint': 'Enter your PIN and press Enter to unlock',
  'lock.failed': 'Wrong PIN',
};
