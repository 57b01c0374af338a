/** A status the screen keeps showing: asked for when shown, every 10 s as a fallback, and replaced by its change event. */
import { useCallback, useEffect, useState } from 'react';
import type { CallInput, CallName, CallOutput, EventName, EventPayload } from '../../shared/api.js';
import { api } from './api.js';
import { useBridgeEvent } from './hooks.js';

export function useLiveStatus<N extends CallName, E extends EventName>(call: N, event: E, enabled: boolean, pollMs = 10_000) {
  const [value, setValue] = useState<CallOutput<N> | EventPayload<E> | null>(null);
  const refresh = useCallback(() => {
    if (enabled) api(call, {} as CallInput<N>).then(setValue, () => {});
  }, [call, enabled]);
  useEffect(() => {
    refresh();
    if (!enabled) return;
    const poll = setInterval(refresh, pollMs);
    return () => clearInterval(poll);
  }, [refresh, enabled, pollMs]);
  useBridgeEvent(event, setValue, enabled);
  return { value, setValue, refresh };
}
