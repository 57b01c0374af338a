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

/** A dotted input path made readable: "lines.2.qty" → "第3行 数量". */
export function fieldLabel(t: Translate, field: string): string {
  const parts = field.split('.');
  const line = parts[0] === 'lines' && parts.length >= 2 && /^\d+$/.test(parts[1]) ? Number(parts[1]) + 1 : null;
  const last = parts[parts.length - 1];
  const lastLabel = isMessageKey(`field.${last}`) ? t(`field.${last}`) : last;
  if (line !== null) return t('field.line', { n: line, field: parts.length > 2 ? lastLabel : '' }).trim();
  const firstLabel = isMessageKey(`field.${parts[0]}`) ? t(`field.${parts[0]}`) : null;
  if (parts.length === 1) return firstLabel ?? field;
  return isMessageKey(`field.${last}`) ? lastLabel : field;
}

/** An ApiError as a sentence for the cashier. */
export function describeError(t: Translate, err: Pick<ApiError, 'code' | 'message'> & { field?: string | null; params?: Record<string, string> }): string {
  const params = err.params ?? {};
  // the main side's reason for a refusal, where the renderer has its own sentence for it
  if (params.reason && isMessageKey(`error.${err.code}_${params.reason}`)) return t(`error.${err.code}_${params.reason}`, params);
  if (err.field && params.reason && isMessageKey(`error.${err.field}_${params.reason}`)) return t(`error.${err.field}_${params.reason}`, params);
  switch (err.code) {
    case 'LOCKED_OUT':
    case 'APPROVAL_REQUIRED':
    case 'STORAGE_FULL':
      return t(`error.${err.code}`, params);
    // an internal fault: an incident number at most, never the raw message (it may hold paths)
    case 'INTERNAL':
      return params.incident ? t('error.INTERNAL_incident', params) : t('error.INTERNAL_plain');
    case 'VALIDATION':
      return err.field
        ? t('error.VALIDATION', { field: fieldLabel(t, err.field), message: err.message })
        : t('error.VALIDATION_nofield', { message: err.message });
    case 'CENTER_UNREACHABLE':
    case 'AUTH':
    case 'LOCKED':
    case 'DEV_ONLY':
      return t(`error.${err.code}`);
    default:
      return t(`error.${err.code}`, { message: err.message });
  }
}
