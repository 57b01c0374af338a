import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The engine is pure (DESIGN.md), every file of settle/ without exception: the command line's file and stream
// handling lives in src/main/cli/. settle/ may import settle/ and src/shared/ only, and zod where schemas live.
const settle = fileURLToPath(new URL('../../../src/main/settle/', import.meta.url));
const shared = fileURLToPath(new URL('../../../src/shared/', import.meta.url));
const files = (readdirSync(settle, { recursive: true, withFileTypes: true }) as import('node:fs').Dirent[])
  .filter((d) => d.isFile())
  .map((d) => relative(settle, join(d.parentPath, d.name)).split(sep).join('/'))
  .sort();
const sources = files.filter((f) => f.endsWith('.ts'));
/** the files that define zod schemas (documents and requests validated where they are received) */
const SCHEMA_FILES = new Set(['catalog.ts', 'policy.ts', 'split-request.ts']);
/** the split itself: called once per bill, so it parses nothing */
const HOT_PATH = ['engine.ts', 'lines.ts', 'explanation.ts', 'invariants.ts'];
const builtins = new Set(builtinModules);

function specifiers(src: string): string[] {
  const out: string[] = [];
  for (const m of src.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)['"]([^'"]+)['"]/g)) out.push(m[1]);
  return out;
}

describe('settle engine purity', () => {
  it('lists the engine files, and only TypeScript sources and JSON data', () => {
    expect(sources).toEqual(expect.arrayContaining(['engine.ts', 'policy.ts', 'catalog.ts', 'pricing.ts', 'mulaid.ts', 'explanation.ts', 'index.ts']));
    expect(files.filter((f) => !f.endsWith('.ts') && !f.endsWith('.json'))).toEqual([]);
    expect(sources).not.toContain('split-command.ts');
  });

  for (const f of sources) {
    const src = readFileSync(join(settle, f), 'utf8');

    it(`${f} has no I/O, clock or randomness`, () => {
      expect(src).not.toMatch(/from ['"]node:/);
      expect(src).not.toMatch(/\bnew Date\b|Date\.now|Math\.random|performance\.now|process\./);
      expect(src).not.toMatch(/split-command/);
    });

    it(`${f} imports nothing from Node and nothing outside settle/ but src/shared/${SCHEMA_FILES.has(f) ? ' and zod' : ''}`, () => {
      for (const s of specifiers(src)) {
        expect(s.startsWith('node:') || builtins.has(s) || builtins.has(s.split('/')[0]), `${f}: ${s} is Node`).toBe(false);
        if (s.startsWith('.')) {
          const target = resolve(dirname(join(settle, f)), s);
          expect(target.startsWith(settle) || target.startsWith(shared), `${f}: ${s} is outside settle/ and src/shared/`).toBe(true);
        } else {
          expect(s === 'zod' && SCHEMA_FILES.has(f), `${f}: imports the package ${s}`).toBe(true);
        }
      }
    });
  }

  for (const f of HOT_PATH) {
    it(`${f} (the split of every bill) validates nothing with zod`, () => {
      const src = readFileSync(join(settle, f), 'utf8');
      expect(src).not.toMatch(/\.(safe)?[pP]arse\(/);
      // only types from the schemas: a value import of domain.ts would bring a schema within reach
      for (const m of src.matchAll(/^import\s+(type\s+)?\{[^}]*\}\s+from\s+['"]([^'"]+domain\.js)['"]/gm)) expect(m[1], `${f}: ${m[2]}`).toBe('type ');
    });
  }

  it('the import check catches what it must (self-test)', () => {
    expect(specifiers(`import { a } from 'fs';\nimport b from "node:path";\nexport * from './x.js';\nconst c = await import('crypto');`)).toEqual(['fs', 'node:path', './x.js', 'crypto']);
  });
});
