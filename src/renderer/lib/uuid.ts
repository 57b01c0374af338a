import { uuidV7 } from '../../shared/uuid-v7.js';

/** The request id of a confirm, which becomes the settlement's id: a time-ordered UUIDv7 (see uuid-v7.ts). */
export function newRequestId(): string {
  return uuidV7();
}
