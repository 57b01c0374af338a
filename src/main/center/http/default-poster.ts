/** The poster a client uses when none is given: plain node:http(s), the system's CAs, no proxy; one per process. */
import { createHttpPoster, type Poster } from './poster.js';

let shared: Poster | null = null;

export function defaultPoster(): Poster['post'] {
  shared ??= createHttpPoster();
  return shared.post;
}
