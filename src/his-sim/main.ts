/**
 * Run the HIS simulator alone (an HIS integrator's test partner, or a terminal configured with
 * his.source "http"):
 *   tsx src/his-sim/main.ts --port 8091 --db ./data/his-sim.db [--host 127.0.0.1] [--token SECRET]
 * Prints the URL; the terminal's configuration is then
 *   { "his": { "source": "http", "url": "<URL>", "headers": { "x-his-token": "SECRET" } } }
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startHisSim } from './index.js';

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: '8091' },
    host: { type: 'string', default: '127.0.0.1' },
    db: { type: 'string', default: './data/his-sim.db' },
    token: { type: 'string' },
  },
});
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`--port must be 0..65535, got ${values.port}`);
  process.exit(2);
}
const sim = await startHisSim({ dbPath: path.resolve(values.db), port, host: values.host, token: values.token ?? null });
console.log(`HIS simulator listening on ${sim.url}${sim.token ? ' (header x-his-token required)' : ''}`);
console.log(`  bills:   GET ${sim.url}/bills/<number>   (POST ${sim.url}/admin/bills/demo makes one)`);
console.log(`  results: POST ${sim.url}/results          (GET ${sim.url}/admin/results lists them)`);
const stop = async () => {
  await sim.close();
  process.exit(0);
};
process.on('SIGINT', () => void stop());
process.on('SIGTERM', () => void stop());
