/**
 * A business date typed as yyyy-MM-dd (2026-12-02), whatever the browser's locale (a native date
 * input would show 12/02/2026 in an English browser). ↑ / ↓ in the field step a day; a date that is
 * not a real day is marked and not taken.
 */
import { useEffect, useState, type KeyboardEvent } from 'react';
import { useI18n } from '../i18n/index.js';
import { parseIsoDate, shiftDate } from '../lib/business-time.js';

interface Props {
  label: string;
  value: string;
  onChange(date: string): void;
  disabled?: boolean;
  testId: string;
}

export function DateField({ label, value, onChange, disabled, testId }: Props) {
  const { t } = useI18n();
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  const valid = parseIsoDate(text) !== null;

  function take(next: string) {
    setText(next);
    const d = parseIsoDate(next);
    if (d && d !== value) onChange(d);
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key !== 'ArrowUp' && e.key !== 'ArrowDown') return;
    e.preventDefault();
    const base = parseIsoDate(text) ?? value;
    take(shiftDate(base, e.key === 'ArrowUp' ? 1 : -1));
  }

  return (
    <label className="date-field">
      <span>{label}</span>
      <input
        value={text}
        inputMode="numeric"
        placeholder="yyyy-MM-dd"
        maxLength={10}
        autoComplete="off"
        spellCheck={false}
        aria-invalid={valid ? undefined : true}
        title={t('date.hint')}
        disabled={disabled}
        onChange={(e) => take(e.target.value)}
        onKeyDown={onKeyDown}
        onBlur={() => !valid && setText(value)}
        data-testid={testId}
      />
    </label>
  );
}
