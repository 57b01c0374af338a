/**
 * Errors are typed where they arise and mapped to what the UI sees once, at the router: the center
 * client throws CenterError, the sync worker classifies CenterError, and only router.ts turns one
 * into an AppError (no round trip through AppError and back).
 */
import { describe, expect, it } from 'vitest';
import { read, sourcesUnder } from './source-files.js';

const CENTER_CODES = /new AppError\(\s*['"]CENTER_(REFUSED|UNREACHABLE|BAD_REPLY)['"]|['"]CENTER_(REFUSED|UNREACHABLE|BAD_REPLY)['"]\s*:\s*['"]CENTER_/;

describe('a CenterError becomes an AppError at the router only', () => {
  const main = sourcesUnder('src/main');

  it('only router.ts makes an AppError from a CenterError', () => {
    // an AppError made within a few lines of recognising a CenterError is a mapping
    const makers = main.filter((f) => {
      const lines = read(f).split('\n');
      return lines.some((l, i) => /isCenterError\(|instanceof CenterError|:\s*CenterError\)/.test(l) && lines.slice(i, i + 6).some((x) => /new AppError\(/.test(x)));
    });
    expect(makers).toEqual(['src/main/router.ts']);
  });

  it('no file but router.ts names the CENTER_* codes in an AppError', () => {
    const namers = main.filter((f) => /CENTER_(REFUSED|UNREACHABLE|BAD_REPLY)/.test(read(f)));
    expect(namers).toEqual(['src/main/router.ts']);
    expect(CENTER_CODES.test("new AppError('CENTER_REFUSED', m)")).toBe(true);
  });

  it('the sync worker never reads an AppError (it classifies what the center client threw)', () => {
    const worker = main.filter((x) => /^src\/main\/sync\/(worker|send-one|classify|ports|backoff)\.ts$/.test(x));
    expect(worker).toHaveLength(5);
    for (const f of worker) {
      expect(read(f), f).not.toMatch(/\bAppError\b/);
    }
  });
});
