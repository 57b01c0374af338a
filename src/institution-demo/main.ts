/**
 * `npm run institution-demo [-- --port 8701] [--dir DIR] [--keep] [--renderer DIR]`: a throwaway
 * institution (demo.ts) of three windows, one PostgreSQL, one center simulator. Prints the three
 * windows' addresses and the demo cashiers; Enter prints fresh addresses (each works once, within a
 * minute); Ctrl+C stops everything and removes the temp directory (unless --keep).
 */
import os from 'node:os';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startInstitutionDemo } from './demo.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8701' },
    dir: { type: 'string' },
    keep: { type: 'boolean', default: false },
    renderer: { type: 'string' },
  },
});
const basePort = Number(values.port);
if (!Number.isInteger(basePort) || basePort < 0 || basePort > 65533) {
  console.error(`--port must be 0..65533 (the first window's; the others follow), got ${values.port}`);
  process.exit(2);
}
const staticDir = path.resolve(values.renderer ?? path.join(root, 'dist/renderer'));
if (!fs.existsSync(path.join(staticDir, 'index.html'))) {
  console.error(`[demo] the screens are not built (${staticDir}/index.html is missing): run \`npm run build\` (or \`npm run setup\`) first`);
  process.exit(1);
}
process.on('unhandledRejection', (e) => console.error(`[demo] unhandled rejection: ${e instanceof Error ? e.message : String(e)}`));

const dir = path.resolve(values.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'pos-institution-demo-')));
const quiet = /\[(pos|security)\]/;
const demo = await startInstitutionDemo({ dir, basePort, staticDir, keep: values.keep, log: (line) => (quiet.test(line) && !/could not|failed|full/.test(line) ? undefined : console.log(line)) }).catch((e) => {
  console.error(`[demo] could not start: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});

const roles: Record<string, string> = { cashier: '收费员 cashier', supervisor: '主管 supervisor', administrator: '管理员 administrator' };
const printUrls = () => {
  for (const w of demo.windows) console.log(`  ${w.id} ${w.label}${w.finance ? ' (windows overview, institution end of day)' : ''}: ${w.url}`);
};
console.log('');
console.log('  一个机构，三个收费窗口 · one institution, three windows');
console.log(`  PostgreSQL 127.0.0.1:${demo.pgPort} · center simulator ${demo.centerUrl} · data ${demo.dir}`);
printUrls();
console.log('  Demo cashiers (the institution\'s, at every window):');
for (const c of demo.cashiers) console.log(`    ${c.no} / PIN ${c.pin}  ${c.name}  ${roles[c.role] ?? c.role}`);
console.log('  Each address works once, within a minute: press Enter for fresh ones. Ctrl+C stops everything.');
console.log('[demo] ready');
if (process.stdin.isTTY) {
  process.stdin.on('data', () => {
    for (const w of demo.windows) w.url = w.newLaunchUrl();
    printUrls();
  });
}
let stopping = false;
const stop = async () => {
  if (stopping) return;
  stopping = true;
  console.log('[demo] stopping…');
  await demo.close();
  console.log('[demo] stopped');
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
