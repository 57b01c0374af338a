/** Locale choice and message lookup: pure, no React, so it can be unit-tested. */
import type { ApiError } from '../../shared/api.js';
import { en } from './en.js';
import { zhCN, type MessageKey } from './zh-CN.js';

export type Locale = 'zh-CN' | 'en';
export const LOCALES: readonly Locale[] = ['zh-CN', 'en'];
export const DEFAULT_LOCALE: Locale = 'zh-CN';
export const LOCALE_STORAGE_KEY = 'pos.locale';

export const dictionaries: Record<Locale, Record<MessageKey, string>> = { 'zh-CN': zhCN, en };

export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey | (string & {}), params?: Params) => string;

export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(zhCN, key);
}

/** Look a key up and fill `{name}` placeholders; an unknown key comes back as itself (visible, not blank). */
export function translate(locale: Locale, key: string, params?: Params): string {
  const dict = dictionaries[locale] ?? dictionaries[DEFAULT_LOCALE];
  const template = isMessageKey(key) ? dict[key] : key;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

export function makeTranslate(locale: Locale): Translate {
  return (key, params) => translate(locale, key, params);
}

export function parseLocale(v: unknown): Locale {
  return v === 'en' || v === 'zh-CN' ? v : DEFAULT_LOCALE;
}

export function loadLocale(storage: Pick<Storage, 'getItem'> | undefined): Locale {
  try {
    return parseLocale(storage?.getItem(LOCALE_STORAGE_KEY));
  } catch {
    return DEFAULT_LOCALE;
  }
}

export function saveLocale(storage: Pick<Storage, 'setItem'> | undefined, locale: Locale): void {
  try {
    storage?.setItem(LOCALE_STORAGE_KEY, locale);
  } catch {
    // private mode or storage full: the choice just does not persist
  }
}

/** A dotted input path made readable: "lines.2.qty" → "第3行 数量"; a path it does not know → "输入内容" (never the path itself). */
export function fieldLabel(t: Translate, field: string): string {
  const parts = field.split('.');
  const line = parts[0] === 'lines' && parts.length >= 2 && /^\d+$/.test(parts[1]) ? Number(parts[1]) + 1 : null;
  const last = parts[parts.length - 1];
  const known = (k: string) => isMessageKey(`field.${k}`);
  const lastLabel = known(last) ? t(`field.${last}`) : '';
  if (line !== null) return t('field.line', { n: line, field: parts.length > 2 ? lastLabel : '' }).trim();
  if (known(last)) return lastLabel;
  if (known(parts[0])) return t(`field.${parts[0]}`);
  return t('field.unknown');
}

/** A message's values as the cashier reads them: a `field` value is a field path, made readable. */
function readableParams(t: Translate, params: Params | undefined): Params {
  const out: Params = { ...(params ?? {}) };
  if (typeof out.field === 'string') out.field = fieldLabel(t, out.field);
  return out;
}

/**
 * An ApiError as a sentence for the cashier, in the screen's language only: the main side's message
 * key when it gave one (src/main/errors.ts), else a reason the renderer has its own sentence for, else
 * the code's general sentence. The `message` (the main side's technical text) is never shown, except a
 * refusal in the center's own words.
 */
export function describeError(t: Translate, err: Pick<ApiError, 'code' | 'message'> & { field?: string | null; key?: string | null; params?: Params }): string {
  const params = readableParams(t, err.params);
  if (err.key && isMessageKey(err.key)) {
    const text = t(err.key, params);
    // a zod problem names the field it is about
    if (err.key.startsWith('validation.') && err.field) return t('error.VALIDATION', { field: fieldLabel(t, err.field), message: text });
    return text;
  }
  // the main side's reason for a refusal, where the renderer has its own sentence for it
  const reason = typeof params.reason === 'string' ? params.reason : null;
  if (reason && isMessageKey(`error.${err.code}_${reason}`)) return t(`error.${err.code}_${reason}`, params);
  if (err.field && reason && isMessageKey(`error.${err.field}_${reason}`)) return t(`error.${err.field}_${reason}`, params);
  switch (err.code) {
    case 'LOCKED_OUT':
    case 'APPROVAL_REQUIRED':
    case 'STORAGE_FULL':
      return t(`error.${err.code}`, params);
    // an internal fault: an incident number at most, never the raw message (it may hold paths)
    case 'INTERNAL':
      return params.incident ? t('error.INTERNAL_incident', params) : t('error.INTERNAL_plain');
    case 'VALIDATION':
      return err.field ? t('error.VALIDATION', { field: fieldLabel(t, err.field), message: t('validation.custom') }) : t('error.VALIDATION_nofield');
    case 'CENTER_REFUSED':
      return t('error.CENTER_REFUSED', { message: err.message });
    default:
      return t(`error.${err.code}`);
  }
}
