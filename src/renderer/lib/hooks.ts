/** Small React hooks shared by the screens. */
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import type { EventName, EventPayload } from '../../shared/api.js';
import { getBridge } from '../bridge.js';
import { busySnapshot, subscribeBusy, visibleBusy, type BusyEntry } from './busy.js';

/** Subscribe to a bridge event for the component's lifetime; the latest handler is always called. */
export function useBridgeEvent<N extends EventName>(name: N, handler: (payload: EventPayload<N>) => void, enabled = true): void {
  const ref = useRef(handler);
  ref.current = handler;
  useEffect(() => {
    if (!enabled) return;
    return getBridge().on(name, (p) => ref.current(p));
  }, [name, enabled]);
}

/** The slow call to show progress for (running over a second), or null. */
export function useVisibleBusy(thresholdMs = 1000): BusyEntry | null {
  const list = useSyncExternalStore(subscribeBusy, busySnapshot, busySnapshot);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (list.length === 0) return;
    const timer = setInterval(() => setNow(Date.now()), 200);
    return () => clearInterval(timer);
  }, [list.length]);
  return visibleBusy(list, now, thresholdMs);
}

/** Current time, ticking every `ms`. */
export function useNow(ms = 1000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), ms);
    return () => clearInterval(timer);
  }, [ms]);
  return now;
}

/** Escape closes a dialog; taken on the window in the capture phase, where the workspace takes it too. */
export function useEscapeToClose(onClose: () => void): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, [onClose]);
}
