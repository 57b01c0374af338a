/**
 * What the screen needs of the terminal's configuration (counter.settings): the business time zone
 * for the clock, today's list and the date fields, and what quantity or total is plausible. Loaded
 * once at start; until it answers, the defaults of the configuration hold.
 */
import { useSyncExternalStore } from 'react';
import type { CounterSettings } from '../../shared/api-counter.js';
import { getBridge } from '../bridge.js';
import { formatDateTime, formatDateTimeOf, formatTimeOf, todayIn } from './business-time.js';

export const DEFAULT_SETTINGS: CounterSettings = { timeZone: 'Asia/Shanghai', today: '', plausibleQty: 100, plausibleBillFen: 300_000 };

let current: CounterSettings = DEFAULT_SETTINGS;
let loading = false;
const listeners = new Set<() => void>();

/** Ask the main side (quietly, again after a failure) until it answers. */
export function loadCounterSettings(retryMs = 2000): void {
  if (loading) return;
  loading = true;
  const attempt = () =>
    getBridge()
      .call('counter.settings', {})
      .then(
        (r) => {
          if (!r.ok) return void setTimeout(attempt, retryMs);
          current = r.data;
          for (const l of [...listeners]) l();
        },
        () => void setTimeout(attempt, retryMs),
      );
  void attempt();
}

export const counterSettings = (): CounterSettings => current;

export function useCounterSettings(): CounterSettings {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    counterSettings,
    counterSettings,
  );
}

/** Times in the business zone, for components: time of an ISO instant, date-time, the clock, today. */
export function useBusinessTime() {
  const { timeZone } = useCounterSettings();
  return {
    timeZone,
    time: (iso: string) => formatTimeOf(iso, timeZone),
    dateTime: (iso: string) => formatDateTimeOf(iso, timeZone),
    clock: (d: Date) => formatDateTime(d, timeZone),
    today: () => todayIn(timeZone),
  };
}
