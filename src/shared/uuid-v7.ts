/**
 * UUIDv7 (RFC 9562 §5.7): 48 bits of Unix milliseconds, then random bits. A settlement's id is the
 * confirm's request id, and a time-ordered id makes every insert keyed by it (the settlement, its
 * items, its outbox rows) land at the right edge of its B-tree: one page written, no page split in
 * the middle. Within one millisecond, 12 bits of the random part count up (§6.2 method 1), so ids
 * made by one process are strictly increasing.
 */
let lastMs = -1;
let counter = 0;

export function uuidV7(nowMs: number = Date.now(), random: (bytes: Uint8Array<ArrayBuffer>) => void = (b) => globalThis.crypto.getRandomValues(b)): string {
  const b = new Uint8Array(16);
  random(b);
  let ms = Math.max(0, Math.floor(nowMs));
  if (ms <= lastMs) {
    // same millisecond (or the clock stepped back): stay after the last id
    ms = lastMs;
    counter++;
    if (counter > 0xfff) {
      ms = lastMs + 1;
      counter = 0;
    }
  } else {
    counter = 0;
  }
  lastMs = ms;
  // 48-bit big-endian milliseconds (Math.floor/division: bit operators are 32-bit)
  for (let i = 5; i >= 0; i--) {
    b[i] = ms % 256;
    ms = Math.floor(ms / 256);
  }
  b[6] = 0x70 | ((counter >> 8) & 0x0f); // version 7 + counter high bits
  b[7] = counter & 0xff;
  b[8] = (b[8] & 0x3f) | 0x80; // variant 10
  const h = Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
