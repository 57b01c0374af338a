/** React side of i18n: a provider holding the locale (persisted) and the `useI18n()` hook. */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { loadLocale, makeTranslate, saveLocale, type Locale, type Translate } from './translate.js';

export interface I18n {
  locale: Locale;
  t: Translate;
  setLocale(locale: Locale): void;
  toggleLocale(): void;
}

const I18nContext = createContext<I18n | null>(null);

function storage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    return undefined;
  }
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [locale, setLocaleState] = useState<Locale>(() => loadLocale(storage()));
  const setLocale = useCallback((l: Locale) => {
    saveLocale(storage(), l);
    setLocaleState(l);
  }, []);
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  const value = useMemo<I18n>(
    () => ({
      locale,
      t: makeTranslate(locale),
      setLocale,
      toggleLocale: () => setLocale(locale === 'zh-CN' ? 'en' : 'zh-CN'),
    }),
    [locale, setLocale],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n outside I18nProvider');
  return ctx;
}

export type { Locale, Translate };
