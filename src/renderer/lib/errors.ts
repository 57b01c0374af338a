/** The error banner's state: any part of the screen reports an error here; it is shown until dismissed. */
import { createContext, useContext } from 'react';
import type { Params } from '../i18n/translate.js';

export interface ErrorReporter {
  /** show an error from a call (ApiCallError) or anything thrown */
  report(err: unknown): void;
  /** show a message by i18n key (translated when shown, so a language switch follows) */
  reportKey(key: string, params?: Params): void;
  clear(): void;
  /** whether the banner is showing */
  showing: boolean;
}

export const ErrorContext = createContext<ErrorReporter>({
  report: (err) => console.error(err),
  reportKey: (key) => console.error(key),
  clear: () => {},
  showing: false,
});

export function useErrors(): ErrorReporter {
  return useContext(ErrorContext);
}
