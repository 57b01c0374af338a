/**
 * The crash test's judgement of the slips: terminal.db's print queue against the paper the child's
 * printer got (a plain file standing in for /dev/usb/lp0, read back with the ESC/POS interpreter).
 *   - every settlement the child reported as confirmed has its first slip job exactly once;
 *   - no slip is on the paper twice: a settlement's first slip and its reversal slip at most once each;
 *   - a job marked printed is on the paper; one the kill caught between the bytes and the mark is
 *     'sending' or, after the next start, 'uncertain' — on the paper once or not at all, never twice;
 *   - drawer pulses on the paper are no more than the drawer jobs that went (printed or uncertain).
 * After the final drain (`final`): nothing is held, ready or sending any more.
 */
import fs from 'node:fs';
import Database from 'better-sqlite3';
import { interpret, slipsOf } from '../../src/main/print/escpos/interpreter.js';

interface JobRow {
  id: number;
  kind: string;
  settlement_id: string | null;
  reprint_no: number | null;
  state: string;
}

export interface PrintReport {
  problems: string[];
  jobs: Record<string, number>;
  slipsOnPaper: number;
  drawerKicks: number;
}

/** settlement id → how many slips of each title the paper holds */
export function paperSlips(paperFile: string): { slips: Map<string, { settlement: number; reversal: number }>; kicks: number; problems: string[] } {
  const slips = new Map<string, { settlement: number; reversal: number }>();
  if (!fs.existsSync(paperFile)) return { slips, kicks: 0, problems: [] };
  const d = interpret(fs.readFileSync(paperFile));
  for (const s of slipsOf(d)) {
    const title = s.find((l) => l.double)?.text;
    if (!title) continue; // drawer pulses only
    const id = s.find((l) => l.text.startsWith('流水号：'))?.text.slice('流水号：'.length).trim();
    if (!id) continue;
    const c = slips.get(id) ?? { settlement: 0, reversal: 0 };
    if (title === '医保结算单') c.settlement += 1;
    else if (title === '医保结算冲销单') c.reversal += 1;
    slips.set(id, c);
  }
  return { slips, kicks: d.drawer.length, problems: d.problems.map((p) => `paper: ${p}`) };
}

export function checkPrinting(dbFile: string, paperFile: string, confirmedIds: Iterable<string>, final = false): PrintReport {
  const problems: string[] = [];
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    const has = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'print_jobs'").get();
    if (!has) return { problems: ['terminal.db has no print queue'], jobs: {}, slipsOnPaper: 0, drawerKicks: 0 };
    const jobs = db.prepare('SELECT id, kind, settlement_id, reprint_no, state FROM print_jobs').all() as JobRow[];
    const byState: Record<string, number> = {};
    for (const j of jobs) byState[`${j.kind}:${j.state}`] = (byState[`${j.kind}:${j.state}`] ?? 0) + 1;
    const first = (id: string, kind: string) => jobs.filter((j) => j.settlement_id === id && j.kind === kind && j.reprint_no === null);
    for (const id of confirmedIds) {
      const n = first(id, 'settlement').length;
      if (n !== 1) problems.push(`confirmed settlement ${id} has ${n} first slip job(s)`);
    }
    const paper = paperSlips(paperFile);
    problems.push(...paper.problems);
    for (const [id, c] of paper.slips) {
      if (c.settlement > 1) problems.push(`settlement ${id}: its slip is on the paper ${c.settlement} times`);
      if (c.reversal > 1) problems.push(`settlement ${id}: its reversal slip is on the paper ${c.reversal} times`);
    }
    for (const j of jobs) {
      if (!j.settlement_id || (j.kind !== 'settlement' && j.kind !== 'reversal')) continue;
      const on = paper.slips.get(j.settlement_id)?.[j.kind as 'settlement' | 'reversal'] ?? 0;
      if (j.state === 'printed' && on !== 1) problems.push(`${j.kind} job ${j.id} of ${j.settlement_id} is printed but on the paper ${on} times`);
      if ((j.state === 'held' || j.state === 'ready' || j.state === 'cancelled') && on !== 0) problems.push(`${j.kind} job ${j.id} of ${j.settlement_id} is ${j.state} but on the paper ${on} times`);
      if (final && (j.state === 'held' || j.state === 'ready' || j.state === 'sending')) problems.push(`${j.kind} job ${j.id} of ${j.settlement_id} is still ${j.state} after the final drain`);
    }
    const kicked = jobs.filter((j) => j.kind === 'drawer' && (j.state === 'printed' || j.state === 'uncertain' || j.state === 'sending')).length;
    const printedKicks = jobs.filter((j) => j.kind === 'drawer' && j.state === 'printed').length;
    if (paper.kicks > kicked || paper.kicks < printedKicks) problems.push(`${paper.kicks} drawer pulses on the paper, ${printedKicks}–${kicked} drawer jobs went`);
    let slipsOnPaper = 0;
    for (const c of paper.slips.values()) slipsOnPaper += c.settlement + c.reversal;
    return { problems, jobs: byState, slipsOnPaper, drawerKicks: paper.kicks };
  } finally {
    db.close();
  }
}
