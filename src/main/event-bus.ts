/** The main side's events (src/shared/api.ts `events`), fanned out to every transport that listens. */
import { events, type EventName, type EventPayload } from '../shared/api.js';
import { describeZodError } from './errors.js';

export type EventListener = <N extends EventName>(name: N, payload: EventPayload<N>) => void;

export interface EventBus {
  emit<N extends EventName>(name: N, payload: EventPayload<N>): void;
  subscribe(listener: EventListener): () => void;
}

export function createEventBus(): EventBus {
  const listeners = new Set<EventListener>();
  return {
    emit(name, payload) {
      // validate outgoing events so a wrong payload is caught where it is made
      const parsed = events[name].safeParse(payload);
      if (!parsed.success) throw new Error(`event ${name} payload invalid: ${describeZodError(parsed.error).message}`);
      for (const l of listeners) {
        try {
          l(name, parsed.data as EventPayload<typeof name>);
        } catch {
          // a broken transport must not stop the others
        }
      }
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
