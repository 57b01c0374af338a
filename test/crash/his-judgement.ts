/**
 * The crash test's judgement of what the HIS was told: every settlement of an HIS bill that the center
 * confirmed reached the HIS exactly once (and its reversal, once), whatever the kills and the HIS's
 * faults did; and, after each kill, how many results were owed to the HIS and not yet acknowledged
 * (the kill landed between the center's answer and the HIS's acknowledgement).
 */
import fs from 'node:fs';
import Database from 'better-sqlite3';

/** results queued for the HIS and not acknowledged, in terminal.db as a kill left it */
export function hisPending(dbFile: string): number {
  if (!fs.existsSync(dbFile)) return 0;
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    const has = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'his_notices'").get();
    return has ? (db.prepare("SELECT COUNT(*) FROM his_notices WHERE state = 'pending'").pluck().get() as number) : 0;
  } finally {
    db.close();
  }
}

export interface HisResult {
  key: string;
  kind: string;
  settlement_id: string;
  deliveries: number;
}

export interface HisReport {
  problems: string[];
  /** HIS bills the center settled / reversed, by the terminal's record */
  settled: number;
  reversed: number;
  /** results the HIS applied (once each, by key) */
  applied: number;
  /** results the HIS received more than once (sent again after a kill or a lost answer; applied once) */
  redelivered: number;
  maxDeliveries: number;
}

/**
 * Every settlement of an HIS bill the center confirmed reached the HIS exactly once as 'settled', and
 * every one it reversed exactly once as 'reversed'; nothing else reached the HIS; nothing is left
 * unacknowledged at the terminal.
 */
export function compareWithHis(dbFile: string, results: HisResult[]): HisReport {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    const problems: string[] = [];
    const rows = db.prepare("SELECT id, status, setl_id FROM settlements WHERE his IS NOT NULL AND json_extract(his, '$.his_bill_no') IS NOT NULL").all() as Array<{ id: string; status: string; setl_id: string | null }>;
    const pending = db.prepare("SELECT key FROM his_notices WHERE state = 'pending'").pluck().all() as string[];
    for (const k of pending) problems.push(`result ${k} was never acknowledged by the HIS`);
    const byKey = new Map<string, HisResult[]>();
    for (const r of results) byKey.set(r.key, [...(byKey.get(r.key) ?? []), r]);
    const expected = new Set<string>();
    let settled = 0;
    let reversed = 0;
    for (const r of rows) {
      if (!r.setl_id) continue; // the center never settled it: the HIS is owed nothing
      settled++;
      expected.add(`${r.id}:settled`);
      if (r.status === 'reversed') {
        reversed++;
        expected.add(`${r.id}:reversed`);
      }
    }
    for (const k of expected) {
      const got = byKey.get(k)?.length ?? 0;
      if (got !== 1) problems.push(`result ${k}: the HIS has it ${got} times`);
    }
    for (const k of byKey.keys()) if (!expected.has(k)) problems.push(`the HIS has result ${k}, which the terminal does not owe it`);
    return {
      problems,
      settled,
      reversed,
      applied: results.length,
      redelivered: results.filter((r) => r.deliveries > 1).length,
      maxDeliveries: results.reduce((m, r) => Math.max(m, r.deliveries), 0),
    };
  } finally {
    db.close();
  }
}
