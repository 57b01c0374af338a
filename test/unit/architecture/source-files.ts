/** The project's TypeScript sources as text, for tests that keep the architecture as the README draws it. */
import fs from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(import.meta.dirname, '../../..');

/** every .ts/.tsx file under src/<dir>, as paths relative to the repository root */
export function sourcesUnder(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(path.join(ROOT, d), { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts')) out.push(p.split(path.sep).join('/'));
    }
  };
  walk(dir);
  return out.sort();
}

export const read = (file: string): string => fs.readFileSync(path.join(ROOT, file), 'utf8');

/** the module specifiers a file imports (static imports, re-exports and dynamic imports) */
export function importsOf(file: string): string[] {
  const src = read(file);
  const specs = new Set<string>();
  for (const m of src.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]/g)) specs.add(m[1]);
  for (const m of src.matchAll(/(?:^|\n)\s*import\s+['"]([^'"]+)['"]/g)) specs.add(m[1]);
  for (const m of src.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) specs.add(m[1]);
  return [...specs];
}

/** a relative import resolved to a repository path (without extension change: .js stays .js) */
export function resolveImport(file: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  return path.posix.normalize(path.posix.join(path.posix.dirname(file), spec));
}
