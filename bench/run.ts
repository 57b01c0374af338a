/**
 * `npm run bench`: runs every bench/*.bench.ts in turn (each measures its own baseline in the same run
 * and prints its figures), or only those whose name contains the first argument.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const dir = import.meta.dirname;
const filter = process.argv[2] ?? '';
const files = fs.readdirSync(dir).filter((f) => f.endsWith('.bench.ts') && f.includes(filter)).sort();
let failed = 0;
for (const f of files) {
  console.log(`\n=== ${f} ===`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', path.join(dir, f)], { stdio: 'inherit' });
  if (r.status !== 0) failed += 1;
}
if (files.length === 0) console.log('no benchmarks found');
process.exit(failed ? 1 : 0);
