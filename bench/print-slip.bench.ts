/**
 * The receipt printer's two figures (issue 11), in the whole terminal (buildApp) against the center
 * simulator running out of process (its CPU is not the terminal's), printing to the virtual printer:
 *
 *   confirm → bytes   from the settle.confirm call to the slip's ESC/POS bytes handed to the
 *                     transport (its write() called), for a 30-line bill; printer.waitForCenterMs 0,
 *                     so the slip prints at confirm (as an offline confirm does): the commit with the
 *                     print job in it, the worker woken, the slip read from the store, laid out,
 *                     encoded, the printer's status asked (DLE EOT), 'sending' committed, the bytes out.
 *                     Goal < 50 ms. Baseline (same run): the same bytes written to a file.
 *   A4 PDF            print.pdf for the same settlement (pdfkit, the CJK font embedded): goal < 300 ms.
 *                     Baseline (same run): pdfkit with the same font writing the slip's text lines
 *                     as one block (the font and the PDF, without the layout).
 *
 *   node --import tsx bench/print-slip.bench.ts     (or: npm run bench print-slip)
 * BENCH_RUNS (default 100 confirms, 30 PDFs) after a few warm-up rounds; median, p95, max.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildApp } from '../src/main/app.js';
import { interpret } from '../src/main/print/escpos/interpreter.js';
import { findCjkFont } from '../src/main/reconcile/cjk-font.js';
import type { PaperView } from '../src/shared/api-print.js';
import type { PdfFile } from '../src/shared/api-till.js';
import { uuidV7 } from '../src/shared/uuid-v7.js';
import { startSimProcess } from '../test/crash/harness.js';
import { call as callApp } from '../test/helpers/app-call.js';
import catalogDoc from '../src/main/settle/data/catalog-530600.json' with { type: 'json' };

const RUNS = Number(process.env.BENCH_RUNS ?? 100);
const PDF_RUNS = Math.max(5, Math.round(RUNS * 0.3));
const WARMUP = 5;
const GOAL_BYTES_MS = 50;
const GOAL_PDF_MS = 300;
const EMPLOYEE = '530600000000000001';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-print-'));
const sim = await startSimProcess({ db: path.join(dir, 'center.db'), dedupe: true });
const app = await buildApp({
  shell: 'browser',
  overrides: { dataDir: path.join(dir, 'terminal'), center: { url: sim.url, timeoutMs: 10_000 }, devices: { virtual: false }, printer: { kind: 'virtual', width: 80, waitForCenterMs: 0 } },
  log: () => undefined,
});
const call = <T = any>(name: string, input: unknown) => callApp(app, name, input) as Promise<T>;

// the transport's write(): when the bytes are handed over, and which
const transport = app.receipts.print.transport;
const realWrite = transport.write.bind(transport);
let handed: { at: number; bytes: Buffer } | null = null;
let waiter: ((v: { at: number; bytes: Buffer }) => void) | null = null;
transport.write = async (bytes: Buffer) => {
  const h = { at: performance.now(), bytes };
  // the slip (not a drawer pulse) is the one timed
  if (bytes.length > 100) {
    handed = h;
    waiter?.(h);
  }
  return realWrite(bytes);
};

const q = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))];
};
const fmt = (xs: number[]) => `median ${q(xs, 0.5).toFixed(2)} ms, p95 ${q(xs, 0.95).toFixed(2)} ms, max ${Math.max(...xs).toFixed(2)} ms`;

app.store.cashiers.seedDemoIfEmpty(); // a standalone simulator: the installer's cashiers (issue 13)
await call('session.login', { cashierNo: '1001', pin: '1234' });
await sim.setBalance(EMPLOYEE, 1_000_000_000);
const people = await sim.people();
const { personRef } = await call<{ personRef: string }>('person.identify', { mdtrt_cert_type: '02', certno: people.find((p) => p.psn_no === EMPLOYEE)!.certno });
const goods = (catalogDoc as { items: Array<{ medins_list_codg: string; kind: string; whole_units: boolean }> }).items.filter((i) => i.kind !== 'service' && i.whole_units).map((i) => i.medins_list_codg);
const lines = Array.from({ length: 30 }, (_, i) => ({ code: goods[i % goods.length], qty: '1' }));
const draft = { personRef, kind: 'pharmacy', med_type: '41', lines, useAcct: true, mulaidPsnNo: null, his: null };

// ---------------------------------------------------------------- confirm → bytes handed to the transport
const confirmToBytes: number[] = [];
const commitOnly: number[] = [];
let lastId = '';
let slipBytes: Buffer = Buffer.alloc(0);
for (let i = 0; i < WARMUP + RUNS; i++) {
  handed = null;
  const got = new Promise<{ at: number; bytes: Buffer }>((r) => (waiter = r));
  const t0 = performance.now();
  const v = await call<{ id: string }>('settle.confirm', { ...draft, requestId: uuidV7() });
  const t1 = performance.now();
  const h = handed ?? (await got);
  waiter = null;
  if (i >= WARMUP) {
    confirmToBytes.push(h.at - t0);
    commitOnly.push(t1 - t0);
  }
  lastId = v.id;
  slipBytes = h.bytes;
  await app.receipts.print.worker.idle();
  await new Promise((r) => setTimeout(r, 5));
}

// baseline: the same bytes to a file
const file = path.join(dir, 'paper.bin');
const fd = fs.openSync(file, 'a');
const toFile: number[] = [];
for (let i = 0; i < WARMUP + RUNS; i++) {
  const t0 = performance.now();
  fs.writeSync(fd, slipBytes);
  if (i >= WARMUP) toFile.push(performance.now() - t0);
}
fs.closeSync(fd);

const decoded = interpret(slipBytes);
const job = (await call<Array<{ id: number; kind: string }>>('print.jobs', { settlementId: lastId })).find((j) => j.kind === 'settlement')!;
const paper = await call<PaperView>('print.paper', { jobId: job.id });

// ---------------------------------------------------------------- the A4 PDF
await app.worker.drainNow();
const coldStart = performance.now();
await call<PdfFile>('print.pdf', { settlementId: lastId, kind: 'settlement' });
const cold = performance.now() - coldStart;
const pdf: number[] = [];
let pdfSize = 0;
for (let i = 0; i < 2 + PDF_RUNS; i++) {
  const t0 = performance.now();
  const f = await call<PdfFile>('print.pdf', { settlementId: lastId, kind: 'settlement' });
  if (i >= 2) pdf.push(performance.now() - t0);
  pdfSize = f.bytes;
}
// baseline: pdfkit and the same font, the slip's lines as one text block
const { default: PDFDocument } = await import('pdfkit');
const fontkit = await import('fontkit');
const font = findCjkFont();
const parsed = fontkit.create(fs.readFileSync(font.file), font.face);
const text = paper.lines.map((l) => l.text).join('\n');
const bare: number[] = [];
for (let i = 0; i < 2 + PDF_RUNS; i++) {
  const t0 = performance.now();
  const doc = new PDFDocument({ size: 'A4', margin: 48 });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise((r) => doc.on('end', r));
  doc.registerFont('cjk', parsed as unknown as string);
  doc.font('cjk').fontSize(10).text(text);
  doc.end();
  await done;
  if (i >= 2) bare.push(performance.now() - t0);
}

const p95Bytes = q(confirmToBytes, 0.95);
const p95Pdf = q(pdf, 0.95);
console.log(`print-slip: a ${lines.length}-line bill → a slip of ${decoded.lines.length} paper lines at 80 mm (${slipBytes.length} bytes, ${decoded.qr.length} QR, ${decoded.cuts.length} cut); ${RUNS} confirms after ${WARMUP} warm-up`);
console.log(`  confirm → bytes handed to the transport: ${fmt(confirmToBytes)}  (of which settle.confirm returned after ${q(commitOnly, 0.5).toFixed(2)} ms median)`);
console.log(`  baseline, the same bytes written to a file: ${fmt(toFile)}`);
console.log(`  goal p95 < ${GOAL_BYTES_MS} ms: ${p95Bytes < GOAL_BYTES_MS ? 'PASS' : 'MISS'} (${p95Bytes.toFixed(2)} ms)`);
console.log(`print-slip: the A4 PDF of the same slip (${pdfSize} bytes), ${PDF_RUNS} runs: ${fmt(pdf)}; the first in the process (font parsed, pdfkit loaded): ${cold.toFixed(0)} ms`);
console.log(`  baseline, pdfkit and the same font writing the slip's text as one block: ${fmt(bare)}`);
console.log(`  goal p95 < ${GOAL_PDF_MS} ms: ${p95Pdf < GOAL_PDF_MS ? 'PASS' : 'MISS'} (${p95Pdf.toFixed(2)} ms)`);

await app.close();
await sim.close();
fs.rmSync(dir, { recursive: true, force: true });
process.exit(p95Bytes < GOAL_BYTES_MS && p95Pdf < GOAL_PDF_MS ? 0 : 1);
