/**
 * One language at a time: every message key the main side sends (AppError.keyed, the router's
 * center.* and validation.* keys) exists in the dictionaries, and Chinese texts carry no English
 * words, field paths or configuration names (key names such as F9 and file formats such as CSV aside).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { describeZodError } from '../../../src/main/errors.js';
import { en } from '../../../src/renderer/i18n/en.js';
import { zhCN } from '../../../src/renderer/i18n/zh-CN.js';

const mainDir = join(import.meta.dirname, '../../../src/main');
function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? sources(p) : /\.ts$/.test(name) ? [p] : [];
  });
}

/** what a Chinese text may hold in Latin letters: key names, file formats, HIS (医院信息系统), the USB ids */
// acronyms a Chinese IT admin reads as they are (the connection check names its protocol steps)
const ALLOWED = /\b(F\d{1,2}|Esc|Enter|Ctrl\+[A-Z]|CSV|XLSX|PDF|json|HIS|USB|HID|VID|PID|English|Tab|X|HTTPS?|TCP|TLS|CA|DNS|SM[234])\b/g;

describe('message keys of the main side', () => {
  it('every key a service throws exists in both dictionaries', () => {
    const keys = new Set<string>();
    for (const file of sources(mainDir)) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/AppError\.keyed\(\s*'[A-Z_]+',\s*[`']([^`']+)[`']/g)) keys.add(m[1]);
      for (const m of text.matchAll(/new AppError\([^)]*?, '((?:center|error)\.[A-Za-z.]+)'/g)) keys.add(m[1]);
      for (const m of text.matchAll(/\['((?:center|validation)\.[A-Za-z_]+)'/g)) keys.add(m[1]);
    }
    expect(keys.size).toBeGreaterThan(30);
    // templated keys: each value of the enum behind them
    const expanded = [...keys].flatMap((k) => (k.includes('${') ? ['not_employee', 'zero_balance', 'binding_expired', 'not_bound'].map((r) => k.replace(/\$\{[^}]+\}/, r)) : [k]));
    const missing = expanded.filter((k) => !(k in zhCN) || !(k in en));
    expect(missing).toEqual([]);
  });

  it('each zod problem has its words', () => {
    const schemas: z.ZodType[] = [z.object({ a: z.string() }), z.string().min(3), z.string().max(1), z.string().regex(/^x$/), z.enum(['a']), z.object({}).strict(), z.number().int()];
    const inputs: unknown[] = [{}, 'x', 'xy', 'y', 'b', { b: 1 }, 1.5];
    schemas.forEach((s, i) => {
      const r = s.safeParse(inputs[i]);
      expect(r.success).toBe(false);
      if (!r.success) expect(describeZodError(r.error).key in zhCN, describeZodError(r.error).key).toBe(true);
    });
  });
});

describe('Chinese is Chinese only', () => {
  it('no Chinese text carries English words, field paths or configuration names', () => {
    // the developer panel (embedded default only) speaks the interface's own terms: msgid, infcode, HTTP
    const latin = Object.entries(zhCN).filter(([key, text]) => !key.startsWith('dev.') && /[A-Za-z]{2,}|[a-z]+\.[a-z]+/.test(text.replace(ALLOWED, '').replace(/\{\w+\}/g, '')));
    expect(latin).toEqual([]);
  });
});
