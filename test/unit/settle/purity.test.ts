import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// The engine is pure (DESIGN.md): only split-command.ts, the command-line edge, may touch files or streams.
const dir = new URL('../../../src/main/settle/', import.meta.url);
const pure = readdirSync(dir).filter((f) => f.endsWith('.ts') && f !== 'split-command.ts');

describe('settle engine purity', () => {
  it('lists the engine files', () => {
    expect(pure).toEqual(expect.arrayContaining(['engine.ts', 'policy.ts', 'catalog.ts', 'pricing.ts', 'mulaid.ts', 'explanation.ts', 'index.ts']));
  });
  for (const f of pure) {
    it(`${f} has no I/O, clock or randomness`, () => {
      const src = readFileSync(new URL(f, dir), 'utf8');
      expect(src).not.toMatch(/from ['"]node:/);
      expect(src).not.toMatch(/\bnew Date\b|Date\.now|Math\.random|performance\.now|process\./);
      expect(src).not.toMatch(/split-command/);
    });
  }
});
