#!/usr/bin/env node
// `npm test`: every suite, each writing a JSON report under reports/, then one line with the totals.
// Suites: unit + integration (vitest), end-to-end (vitest + playwright-core driving Chromium).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { summarize } from './summarize-reports.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
fs.rmSync('reports', { recursive: true, force: true });
fs.mkdirSync('reports', { recursive: true });
const only = process.argv[2];
const vitest = path.join(root, 'node_modules/vitest/vitest.mjs');
const suites = [
  { name: 'unit+integration', report: 'unit', args: ['run', '--config', 'vitest.config.ts', '--reporter=default', '--reporter=json', '--outputFile.json=reports/unit.json'] },
  { name: 'e2e', report: 'e2e', args: ['run', '--config', 'vitest.e2e.config.ts', '--reporter=default', '--reporter=json', '--outputFile.json=reports/e2e.json'] },
];
let failed = false;
for (const s of suites) {
  if (only && only !== s.name) continue;
  console.log(`\n=== ${s.name} ===`);
  const r = spawnSync(process.execPath, [vitest, ...s.args], { stdio: 'inherit' });
  if (r.status !== 0) failed = true;
  // the runner's exit code beside its report: an unhandled error fails the run without failing a test
  fs.writeFileSync(`reports/${s.report}.exit`, String(r.status ?? 1));
}
const t = summarize(path.join(root, 'reports'));
console.log(`\n${t.passed} passed, ${t.failed} failed`);
process.exit(failed || t.failed > 0 || t.passed === 0 ? 1 : 0);
