/**
 * `pos split --ndjson` over many bills, as a child process: bills per second and peak memory as the input grows.
 *
 *   node --import tsx bench/settle-ndjson.bench.ts          (or: npm run bench settle)
 *
 * Goal (the issue): constant memory (line by line, with backpressure) and a steady rate, shown at 10,000, 50,000
 * and 100,000 bills. The real command runs as a child (`node --import tsx src/main/cli.ts split --ndjson --region
 * 530600`, the bills on its stdin from a temp file, its stdout read by this process as a consumer would); its peak
 * RSS is the kernel's high-water mark (VmHWM in /proc/PID/status), read every POLL_MS until it exits. The rate is
 * given gross (wall time from spawn to exit) and net of the start-up, measured in the same run with no input.
 * Bills are bench/settle-bills.ts's mix with 1–8 lines; every tenth is a request by context (the sample policy).
 * Flat means: past the first seconds, in which V8 sizes its young generation to the allocation rate, more input
 * adds no memory (peak RSS at 100,000 at most FLAT_MB above 50,000, across runs and inside one run, where the
 * high-water mark is also read as the answers to the first 10,000 and 50,000 bills arrive), and the net rate at
 * 100,000 is at least FLAT_RATE of the rate at 10,000.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { bill } from './settle-bills.js';

const SIZES = [10_000, 50_000, 100_000];
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const POLL_MS = 20;
const FLAT_MB = 16;
const FLAT_RATE = 0.8;
const root = path.resolve(import.meta.dirname, '..');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-settle-ndjson-'));

/** One request per line: inline policy numbers, or every tenth by context. */
function requestLine(k: number): string {
  const b = bill(k, 1 + (k % 8));
  if (k % 10 !== 9) return JSON.stringify(b);
  const { lines, person } = b;
  const context = { insutype: '310', med_type: '41', hosp_level: 1, date: '2026-03-01', ytd: { year: 2026, dedc_used: k % 20_000, hifp_paid: 0, hifmi_paid: 0 } };
  return JSON.stringify({ lines, person, context });
}

// every size's file starts with the same bills, so a larger run only adds bills
const files = new Map(SIZES.map((n) => [n, path.join(dir, `bills-${n}.ndjson`)]));
const fds = new Map(SIZES.map((n) => [n, fs.openSync(files.get(n)!, 'w')]));
const largest = Math.max(...SIZES);
let batch: string[] = [];
for (let k = 0; k < largest; k++) {
  batch.push(requestLine(k));
  if (batch.length === 1000 || k === largest - 1) {
    const text = `${batch.join('\n')}\n`;
    for (const n of SIZES) if (k < n) fs.writeSync(fds.get(n)!, text);
    batch = [];
  }
}
for (const fd of fds.values()) fs.closeSync(fd);
fs.writeFileSync(path.join(dir, 'empty.ndjson'), '');

interface Run {
  seconds: number;
  peakRssMb: number;
  /** the high-water mark when the answers to the first `n` bills had arrived, for each n of SIZES below the run's */
  atMb: Map<number, number>;
  outLines: number;
  errors: number;
  exit: number | null;
}

function readHwmKb(pid: number): number {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0; // exited between polls
  }
}

function runOnce(file: string): Promise<Run> {
  return new Promise((resolve, reject) => {
    const input = fs.openSync(file, 'r');
    const t0 = process.hrtime.bigint();
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main/cli.ts', 'split', '--ndjson', '--region', '530600'], {
      cwd: root,
      stdio: [input, 'pipe', 'pipe'],
    });
    fs.closeSync(input);
    let hwm = 0;
    const poll = setInterval(() => (hwm = Math.max(hwm, readHwmKb(child.pid!))), POLL_MS);
    let outLines = 0;
    let errors = 0;
    let tail = '';
    const atMb = new Map<number, number>();
    child.stdout!.setEncoding('utf8');
    child.stdout!.on('data', (chunk: string) => {
      // count lines and error lines without keeping the output
      const text = tail + chunk;
      let from = 0;
      for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', from)) {
        outLines++;
        if (text.startsWith('{"error"', from)) errors++;
        if (SIZES.includes(outLines)) atMb.set(outLines, Math.max(hwm, readHwmKb(child.pid!)) / 1024);
        from = nl + 1;
      }
      tail = text.slice(from);
    });
    let stderr = '';
    child.stderr!.on('data', (c) => (stderr += c));
    child.on('error', reject);
    child.on('close', (exit) => {
      clearInterval(poll);
      const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
      if (exit !== 0) console.error(`  child exited ${exit}: ${stderr.slice(0, 500)}`);
      resolve({ seconds, peakRssMb: hwm / 1024, atMb, outLines, errors, exit });
    });
  });
}

const signed = (x: number) => `${x >= 0 ? '+' : ''}${x.toFixed(1)}`;
const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor((v.length - 1) / 2)];
const spread = (v: number[], f: (x: number) => string) => `${f(Math.min(...v))}–${f(Math.max(...v))}`;

const startups: Run[] = [];
const bySize = new Map<number, Run[]>(SIZES.map((n) => [n, []]));
let failed = false;
// sizes take turns run after run, so drift of the machine reaches every size alike
for (let r = 0; r < RUNS; r++) {
  startups.push(await runOnce(path.join(dir, 'empty.ndjson')));
  for (const n of SIZES) {
    const run = await runOnce(files.get(n)!);
    if (run.exit !== 0 || run.outLines !== n || run.errors !== 0) {
      console.error(`  ${n} bills: exit ${run.exit}, ${run.outLines} output lines, ${run.errors} errors`);
      failed = true;
    }
    bySize.get(n)!.push(run);
  }
}

const start = median(startups.map((s) => s.seconds));
const startRss = median(startups.map((s) => s.peakRssMb));
const inputMb = (n: number) => fs.statSync(files.get(n)!).size / 1024 / 1024;
console.log(`settle-ndjson: pos split --ndjson as a child, ${RUNS} runs per size; load average ${os.loadavg()[0].toFixed(1)} on ${os.availableParallelism()} cores`);
console.log(`  start-up with no input: ${start.toFixed(2)} s (${spread(startups.map((s) => s.seconds), (x) => x.toFixed(2))}), peak RSS ${startRss.toFixed(1)} MB`);
const rows = SIZES.map((n) => {
  const runs = bySize.get(n)!;
  const gross = runs.map((x) => n / x.seconds);
  const net = runs.map((x) => n / Math.max(1e-3, x.seconds - start));
  const rss = runs.map((x) => x.peakRssMb);
  console.log(
    `  ${String(n).padStart(7)} bills (${inputMb(n).toFixed(1)} MB in): ${median(gross).toFixed(0)} bills/s gross (${spread(gross, (x) => x.toFixed(0))}), ` +
      `${median(net).toFixed(0)} net of start-up (${spread(net, (x) => x.toFixed(0))}); peak RSS ${median(rss).toFixed(1)} MB (${spread(rss, (x) => x.toFixed(1))})`,
  );
  return { n, net: median(net), rss: median(rss) };
});
// the same growth inside the largest run: the high-water mark as its answers came in
const within = SIZES.map((n) => median(bySize.get(largest)!.map((x) => x.atMb.get(n) ?? x.peakRssMb)));
console.log(`  inside the ${largest}-bill runs, peak RSS so far when ${SIZES.map((n, i) => `${n} were answered: ${within[i].toFixed(1)} MB`).join(', ')}`);
// Flat: past the first seconds (V8 sizes its young generation to the allocation rate, then stays), more input adds
// no memory; so the comparison is between the two larger sizes, and the rate must not fall as the input grows.
const mid = rows[rows.length - 2];
const last = rows[rows.length - 1];
const growth = last.rss - mid.rss;
const growthWithin = within[within.length - 1] - within[within.length - 2];
const rateKept = last.net / rows[0].net;
const flat = !failed && growth <= FLAT_MB && growthWithin <= FLAT_MB && rateKept >= FLAT_RATE;
console.log(
  `  ${mid.n} → ${last.n} bills: peak RSS ${signed(growth)} MB across runs, ${signed(growthWithin)} MB inside one run (goal ≤ +${FLAT_MB} MB each: ` +
    `another ${((last.n - mid.n) / 1000).toFixed(0)}k bills, ${(inputMb(last.n) - inputMb(mid.n)).toFixed(0)} MB more input); ` +
    `net rate at ${last.n} ${(100 * rateKept).toFixed(0)}% of ${rows[0].n}'s (goal ≥ ${100 * FLAT_RATE}%) → ${flat ? 'PASS' : 'FAIL'}`,
);
fs.rmSync(dir, { recursive: true, force: true });
