/**
 * What signing costs per message, for each scheme, against an unsigned send in the same run.
 *
 *   node --import tsx bench/center-signing.bench.ts      (or: npm run bench center-signing)
 *
 * Goal (the issue): signing under 1 ms per message and under 10 % of a loopback round trip.
 * - Each message is a real 1101 through the real client (createCenterClient with the chain and the
 *   poster the terminal uses). The chain's seal() — everything the scheme adds on the terminal's
 *   side: canonical text, SM3, SM2, SM4, headers, and the JSON of the body — is timed inside the
 *   sends, so the SM2 point pool refills between messages as it does at a counter.
 * - Same-run baseline: signed and unsigned sends ALTERNATE, message by message, to the same
 *   simulator out of process (src/center-sim/main.ts), so both see the same machine at the same
 *   moment; for the unsigned ones the same place is timed (the client's JSON of the body).
 *   Overhead per message = median seal() − median unsigned body; share = that / median unsigned
 *   round trip. (That simulator does not verify, so its answers come as fast for both: a CPU that
 *   idles 20 ms between messages runs the next microseconds several times slower, which would
 *   charge the center's slowness to the terminal.)
 * - Then each scheme against a simulator that verifies it (--security): every message must be
 *   accepted; its round trip includes the simulator's SM2 verification (sm-crypto, pure JS, about
 *   15 ms per signature: a cost of the center, not of the terminal). Also shown: seal() back to
 *   back with no pause, where the pool empties and each signature computes its own k·G.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import smCrypto from 'sm-crypto';
import { createCenterClient, formatMsgid, type TransportChain } from '../src/main/center/index.js';
import { createHttpPoster } from '../src/main/center/http/poster.js';
import { createTransportChain } from '../src/main/center/signing/chain.js';
import { SigningConfig, type SchemeName } from '../src/main/center/signing/config.js';
import { sm2Backend } from '../src/main/center/signing/gm/sm2.js';

const N = Number(process.env.BENCH_MESSAGES ?? 300);
const VERIFIED = Number(process.env.BENCH_VERIFIED ?? 40);
const WARMUP = 30;
const ROOT = path.resolve(import.meta.dirname, '..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-signing-'));
const CODE = 'H53060200001';
const key = smCrypto.sm2.generateKeyPairHex();
const SM4 = '0123456789abcdeffedcba9876543210';
const TIF = { paasid: 'bench_pos', secret: 'bench-gateway-secret' };
const b64 = (h: string) => Buffer.from(h, 'hex').toString('base64');

const SCHEMES: SchemeName[][] = [['tif-header'], ['sm3-cainfo'], ['sm2-cainfo'], ['sm4-envelope'], ['sm4-envelope', 'sm2-cainfo', 'tif-header']];

async function simProcess(name: string, security: unknown): Promise<{ url: string; close(): void }> {
  const args = ['--import', 'tsx', path.join(ROOT, 'src/center-sim/main.ts'), '--port', '0', '--db', path.join(dir, `${name}.db`)];
  if (security) {
    const file = path.join(dir, `${name}-security.json`);
    fs.writeFileSync(file, JSON.stringify(security));
    args.push('--security', file);
  }
  const proc = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
  process.once('exit', () => proc.kill('SIGKILL'));
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    proc.stdout!.on('data', (d) => {
      out += String(d);
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]);
    });
    proc.once('exit', (c) => reject(new Error(`simulator exited ${c}: ${out}`)));
  });
  proc.stdout!.resume();
  return { url, close: () => proc.kill('SIGTERM') };
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
};
const f3 = (x: number) => x.toFixed(3);

const poster = createHttpPoster();
let seq = 0;
const msgid = () => formatMsgid(CODE, new Date(), (++seq % 9000) + 1);

/** what the client does without a chain, as a chain (the baseline's seal: the JSON of the body) */
const UNSIGNED: TransportChain = { schemes: [], seal: (env, ctx) => ({ url: ctx.url, headers: {}, body: JSON.stringify(env) }), openReply: (r) => r.output, close() {} };

interface Sample {
  rtt: number[];
  seal: number[];
}

function timedClient(url: string, chain: TransportChain, into: Sample) {
  const timed: TransportChain = {
    ...chain,
    seal(env, ctx) {
      const t0 = performance.now();
      const r = chain.seal(env, ctx);
      into.seal.push(performance.now() - t0);
      return r;
    },
  };
  const client = createCenterClient({ url, fixmedins_code: CODE, fixmedins_name: '昭通测试医院', mdtrtarea_admvs: '530600', opter: '1001', opter_name: '李收费', post: poster.post, chain: timed, timeoutMs: 30_000 });
  /** one 1101; resolves true when the center accepted it */
  return async (certno: string): Promise<boolean> => {
    const t0 = performance.now();
    const ok = await client.personInfo({ mdtrt_cert_type: '02', mdtrt_cert_no: certno }, { msgid: msgid(), insuplc_admdvs: '530600' }).then(
      () => true,
      () => false,
    );
    into.rtt.push(performance.now() - t0);
    return ok;
  };
}

/** N signed and N unsigned sends, alternating, to the same simulator; warm-up dropped */
async function alternate(url: string, chain: TransportChain, certno: string): Promise<{ signed: Sample; unsigned: Sample }> {
  const signed: Sample = { rtt: [], seal: [] };
  const unsigned: Sample = { rtt: [], seal: [] };
  const sendSigned = timedClient(url, chain, signed);
  const sendUnsigned = timedClient(url, UNSIGNED, unsigned);
  for (let i = 0; i < WARMUP + N; i++) {
    await sendUnsigned(certno);
    await sendSigned(certno);
  }
  const drop = (x: Sample): Sample => ({ rtt: x.rtt.slice(WARMUP), seal: x.seal.slice(WARMUP) });
  return { signed: drop(signed), unsigned: drop(unsigned) };
}

const plain = await simProcess('plain', null);
const people = (await (await fetch(`${plain.url}/admin/people`)).json()) as Array<{ certno: string; label: string }>;
const certno = people.find((p) => p.label.includes('张伟'))!.certno;

console.log(`center-signing: ${N} signed + ${N} unsigned 1101 alternating per scheme after ${WARMUP} warm-up each, simulator out of process; SM2 k·G backend: ${sm2Backend}`);
let missed = 0;
const rows: string[] = [];
const baseRtts: number[] = [];
for (const schemes of SCHEMES) {
  const name = schemes.join('+');
  const secrets = { values: { tifSecret: TIF.secret, sm2PrivateKey: b64(key.privateKey), sm4Key: SM4 }, source: 'bench' };
  const chain = createTransportChain(SigningConfig.parse({ schemes, secretsFile: 'x', tifHeader: { paasid: TIF.paasid } }), secrets)!;
  const { signed, unsigned } = await alternate(plain.url, chain, certno);

  // against a simulator that verifies the scheme: everything accepted
  const sim = await simProcess(name.replace(/\+/g, '_'), { schemes, tif: TIF, terminalPublicKey: b64(key.publicKey), sm4Key: SM4 });
  const verified: Sample = { rtt: [], seal: [] };
  const sendVerified = timedClient(sim.url, chain, verified);
  let accepted = 0;
  for (let i = 0; i < VERIFIED; i++) if (await sendVerified(certno)) accepted++;
  sim.close();

  // back to back, no pause: what a signature costs when the pool is empty
  const env = { infno: '1101', msgid: msgid(), inf_time: '2026-06-15 10:00:00', fixmedins_code: CODE, input: { data: { mdtrt_cert_type: '02', mdtrt_cert_no: certno } } };
  const cold: number[] = [];
  for (let i = 0; i < 200; i++) {
    const t0 = performance.now();
    chain.seal(env, { baseUrl: plain.url, url: plain.url, infno: '1101', msgid: env.msgid, now: new Date() });
    cold.push(performance.now() - t0);
  }
  chain.close();

  const overhead = pct(signed.seal, 50) - pct(unsigned.seal, 50);
  const rttBase = pct(unsigned.rtt, 50);
  baseRtts.push(rttBase);
  const share = overhead / rttBase;
  const ok = overhead < 1 && share < 0.1 && accepted === VERIFIED;
  if (!ok) missed++;
  rows.push(
    `  ${name}\n    overhead ${f3(overhead)} ms = ${(share * 100).toFixed(1)} % of the unsigned round trip (p50 ${f3(rttBase)} ms, p95 ${f3(pct(unsigned.rtt, 95))} ms) → ${ok ? 'PASS' : 'MISS'}\n` +
      `    seal p50 ${f3(pct(signed.seal, 50))} ms, p95 ${f3(pct(signed.seal, 95))} ms; unsigned body p50 ${f3(pct(unsigned.seal, 50))} ms; back to back (pool empty) p50 ${f3(pct(cold, 50))} ms\n` +
      `    end to end, same simulator: signed round trip p50 ${f3(pct(signed.rtt, 50))} ms vs unsigned ${f3(rttBase)} ms (${f3(pct(signed.rtt, 50) - rttBase)} ms)` +
      `${schemes.includes('sm4-envelope') ? ' — it refuses an encrypted body unread, so this one says little' : ''}\n` +
      `    verifying simulator: ${accepted}/${VERIFIED} accepted, round trip p50 ${f3(pct(verified.rtt, 50))} ms (its verification included)`,
  );
}
console.log(`  unsigned loopback round trip p50 per run: ${baseRtts.map(f3).join(', ')} ms (min ${f3(Math.min(...baseRtts))}, max ${f3(Math.max(...baseRtts))})`);
for (const r of rows) console.log(r);
console.log(`  goal: overhead < 1 ms and < 10 % of the unsigned round trip, per scheme → ${missed ? `${missed} MISS` : 'all PASS'}`);

poster.close();
plain.close();
fs.rmSync(dir, { recursive: true, force: true });
process.exit(missed ? 1 : 0);
