#!/usr/bin/env node
// Totals over every runner's JSON report in a folder (vitest's JSON reporter: numPassedTests, numFailedTests).
// A suite that crashed before writing its report counts as one failure, so it cannot pass silently.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export function summarize(dir, expected = ['unit.json', 'e2e.json']) {
  let passed = 0;
  let failed = 0;
  for (const f of expected) {
    const p = path.join(dir, f);
    if (!fs.existsSync(p)) {
      failed += 1;
      continue;
    }
    const r = JSON.parse(fs.readFileSync(p, 'utf8'));
    passed += r.numPassedTests ?? 0;
    failed += r.numFailedTests ?? 0;
    // a run that exited non-zero with no failed test in its report (an unhandled error, a crashed
    // worker) counts as one failure, so the totals line can never read clean over a red run
    const exitFile = p.replace(/\.json$/, '.exit');
    const exitCode = fs.existsSync(exitFile) ? Number(fs.readFileSync(exitFile, 'utf8')) : 0;
    const failedHere = (r.numFailedTests ?? 0) + (r.testResults ?? []).filter((t) => t.status === 'failed' && !(t.assertionResults ?? []).some((a) => a.status === 'failed')).length;
    if (exitCode !== 0 && failedHere === 0) failed += 1;
    // a test file that failed to load has no failed test in it: count the file itself
    for (const t of r.testResults ?? []) {
      if (t.status === 'failed' && !(t.assertionResults ?? []).some((a) => a.status === 'failed')) failed += 1;
    }
  }
  return { passed, failed };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const t = summarize(process.argv[2] ?? 'reports');
  console.log(`${t.passed} passed, ${t.failed} failed`);
}
