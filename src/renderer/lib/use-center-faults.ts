/**
 * The simulator's fault switches as the developer panel edits them: read once, and a change shows at
 * once (a checkbox must follow the click) before the reply says what took effect.
 */
import { useEffect, useState } from 'react';
import type { CenterFaults } from '../../shared/api.js';
import { useI18n } from '../i18n/index.js';
import { describeError } from '../i18n/translate.js';
import { api, toApiError } from './api.js';

export function useCenterFaults(setError: (message: string | null) => void, onLoaded?: (f: CenterFaults) => void) {
  const { t } = useI18n();
  const [faults, setFaults] = useState<CenterFaults | null>(null);
  const fail = (err: unknown) => setError(describeError(t, toApiError(err)));

  useEffect(() => {
    api('dev.getFaults', {}).then((f) => {
      setFaults(f);
      onLoaded?.(f);
    }, fail);
  }, []);

  async function setFault(patch: Partial<CenterFaults>) {
    setError(null);
    setFaults((f) => (f ? { ...f, ...patch } : f));
    try {
      setFaults(await api('dev.setFaults', patch));
    } catch (err) {
      fail(err);
      api('dev.getFaults', {}).then(setFaults, () => {});
    }
  }

  return { faults, setFault };
}
