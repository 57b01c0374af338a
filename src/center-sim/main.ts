/**
 * Run the center simulator alone:
 *   tsx src/center-sim/main.ts --port 8090 --db ./data/center-sim.db [--host 127.0.0.1] [--no-dedupe] [--require-sign-in] [--national-catalog FILE]
 *     [--security FILE]  the signed transport it expects (security/options.ts: schemes, tif, keys in base64)
 *     [--tls-cert FILE --tls-key FILE [--client-ca FILE]]  HTTPS (and a required client certificate)
 * Prints the URL; admin endpoints: GET/POST /admin/faults (down, delayMs, garbage, timeoutAfterCommit, http500,
 * businessError, driftedPolicy, dedupe, onlyInfno), GET/POST /admin/national (publish, requireMapping), GET /admin/people, GET /admin/balance/:psn_no, POST /admin/balance/:psn_no {"balc": fen} (a top-up).
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startCenterSim } from './index.js';
import { readSimSecurityFile } from './security/options.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8090' },
    host: { type: 'string', default: '127.0.0.1' },
    db: { type: 'string', default: './data/center-sim.db' },
    'no-dedupe': { type: 'boolean', default: false },
    'require-sign-in': { type: 'boolean', default: false },
    policy: { type: 'string' },
    'national-catalog': { type: 'string' },
    security: { type: 'string' },
    'tls-cert': { type: 'string' },
    'tls-key': { type: 'string' },
    'client-ca': { type: 'string' },
  },
});

const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be 0..65535, got ${values.port}`);
  process.exit(2);
}
const dbPath = path.resolve(values.db);
fs.mkdirSync(path.dirname(dbPath), { recursive: true });
const readJson = (p: string | undefined) => (p ? JSON.parse(fs.readFileSync(p, 'utf8')) : undefined);

const sim = await startCenterSim({
  // the admin token comes from the environment (not the command line, which other users can read), else a new one
  adminToken: process.env.POS_SIM_ADMIN_TOKEN || undefined,
  dbPath,
  port,
  host: values.host,
  dedupe: !values['no-dedupe'],
  requireSignIn: values['require-sign-in'],
  policy: readJson(values.policy),
  nationalCatalog: readJson(values['national-catalog']),
  security: values.security ? readSimSecurityFile(values.security) : undefined,
  tls:
    values['tls-cert'] && values['tls-key']
      ? { cert: fs.readFileSync(values['tls-cert']), key: fs.readFileSync(values['tls-key']), clientCa: values['client-ca'] ? fs.readFileSync(values['client-ca']) : undefined }
      : undefined,
});
console.log(`center simulator listening on ${sim.url}  (db ${dbPath})`);
console.log(`  service: POST ${sim.url}/fsi/api/rsfComIfsService/callService`);
console.log(`  admin:   ${sim.url}/admin/people  ${sim.url}/admin/faults  (header X-Sim-Admin-Token${process.env.POS_SIM_ADMIN_TOKEN ? ' from POS_SIM_ADMIN_TOKEN' : `: ${sim.adminToken}`})`);

const stop = async () => {
  await sim.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
