import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { uuidV7 } from '../../../src/shared/uuid-v7.js';

const msOf = (id: string) => parseInt(id.replace(/-/g, '').slice(0, 12), 16);
const zeros = (b: Uint8Array) => b.fill(0);
const ones = (b: Uint8Array) => b.fill(0xff);
// ids are monotonic per process: each test works a day or more ahead of anything made before it
const base = Date.now() + 86_400_000;

describe('uuidV7', () => {
  it('carries the milliseconds, version 7 and the RFC variant, and passes the contract’s uuid check', () => {
    const t = base + 123;
    const id = uuidV7(t, ones);
    expect(msOf(id)).toBe(t);
    expect(id[14]).toBe('7');
    expect('89ab').toContain(id[19]);
    expect(z.string().uuid().safeParse(id).success).toBe(true);
  });

  it('is strictly increasing within one millisecond, whatever the random bytes', () => {
    const t = base + 86_400_000;
    const ids = [uuidV7(t, ones), uuidV7(t, zeros), uuidV7(t, ones), uuidV7(t, zeros)];
    for (let i = 1; i < ids.length; i++) expect(ids[i] > ids[i - 1]).toBe(true);
    expect(ids.every((id) => msOf(id) === t)).toBe(true);
  });

  it('never goes back when the clock steps back, and moves to the next millisecond after 4096 in one', () => {
    const t = base + 2 * 86_400_000;
    const a = uuidV7(t, ones);
    const b = uuidV7(t - 5_000, zeros);
    expect(b > a).toBe(true);
    let last = b;
    for (let i = 0; i < 5000; i++) {
      const next = uuidV7(t, zeros);
      expect(next > last).toBe(true);
      last = next;
    }
    expect(msOf(last)).toBe(t + 1);
  });
});
