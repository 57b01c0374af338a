/**
 * A form's submit as the renderer's forms do it: one at a time (the button shows it), a check before
 * any call, and the call's failure as the form's error line.
 */
import { useState, type FormEvent } from 'react';
import { useI18n } from '../i18n/index.js';
import { describeError } from '../i18n/translate.js';
import { toApiError } from './api.js';

export interface SubmitSteps {
  /** what is wrong before any call (shown, and nothing is sent), or null */
  invalid?: string | null;
  run(): Promise<unknown>;
  /** after the call, whatever it answered (a PIN is cleared either way) */
  after?(): void;
  /** the sentence for a refused sign-in (AUTH); other failures are described as usual */
  authFailed?: string;
}

export function useFormSubmit() {
  const { t } = useI18n();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent, steps: SubmitSteps): Promise<void> {
    e.preventDefault();
    if (busy) return;
    if (steps.invalid != null) return setError(steps.invalid);
    setBusy(true);
    setError(null);
    try {
      await steps.run();
    } catch (err) {
      const apiErr = toApiError(err);
      // a plain wrong PIN reads as the form's own sentence; a refusal with a reason (integrity, not a supervisor) as that reason
      setError(steps.authFailed && apiErr.code === 'AUTH' && !apiErr.params?.reason ? steps.authFailed : describeError(t, apiErr));
    } finally {
      steps.after?.();
      setBusy(false);
    }
  }

  return { error, busy, submit };
}
