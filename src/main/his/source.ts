/**
 * Where bills come from and results go: the HIS over HTTP (GET the bill, POST the result, with the
 * headers the HIS sets), or a folder the HIS writes bill files into (results written beside them,
 * atomically). A bill is returned as the text the HIS gave; the caller validates it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { AppError } from '../errors.js';
import type { HisConfig } from './config.js';

/** What the HIS acknowledges a result with: its idempotency key, and whether it had it already. */
export const HisAck = z.object({ ok: z.literal(true), key: z.string().min(1), duplicate: z.boolean().optional() }).passthrough();
export type HisAck = z.infer<typeof HisAck>;

export interface BillSource {
  readonly kind: 'http' | 'folder';
  /** the bill's text; NOT_FOUND when the HIS has no such bill */
  fetchBill(billNo: string): Promise<string>;
  /** deliver one result; resolves with the acknowledgement, rejects with the reason it was not */
  deliver(key: string, billNo: string, payload: unknown, fileName: string): Promise<string>;
  /** folder only: a settlement result another window wrote for this bill and no reversal after it */
  settledResultOf?(billNo: string): { settlement_id: string; setl_id: string | null; terminal_id: string | null } | null;
}

export function httpSource(c: Pick<HisConfig, 'url' | 'billPath' | 'resultsPath' | 'headers' | 'timeoutMs'>): BillSource {
  const base = (c.url ?? '').replace(/\/+$/, '');
  async function request(url: string, init: RequestInit): Promise<{ status: number; text: string }> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), c.timeoutMs);
    try {
      const res = await fetch(url, { ...init, signal: controller.signal });
      return { status: res.status, text: await res.text() };
    } catch (e) {
      const cause = (e as { cause?: { code?: string } }).cause?.code;
      throw new Error(controller.signal.aborted ? `HIS 无应答（${c.timeoutMs} ms 超时）` : `无法连接 HIS（${cause ?? (e as Error).message}）`);
    } finally {
      clearTimeout(timer);
    }
  }
  return {
    kind: 'http',
    async fetchBill(billNo) {
      let r;
      try {
        r = await request(base + c.billPath.replace('{no}', encodeURIComponent(billNo)), { headers: { accept: 'application/json', ...c.headers } });
      } catch (e) {
        throw AppError.keyed('CONFLICT', 'hisErr.unreachable', { no: billNo }, { message: `${(e as Error).message}，处方 ${billNo} 未能载入；可改用“载入HIS账单”文件` });
      }
      if (r.status === 404) throw AppError.keyed('NOT_FOUND', 'hisErr.notFound', { no: billNo }, { field: 'billNo', message: `HIS 中没有处方/就诊号 ${billNo}` });
      if (r.status === 401 || r.status === 403) throw AppError.keyed('CONFLICT', 'hisErr.denied', { status: r.status }, { message: `HIS 拒绝了本终端的访问（HTTP ${r.status}，请检查 his.headers 中的令牌）` });
      if (r.status < 200 || r.status >= 300) throw AppError.keyed('CONFLICT', 'hisErr.unavailable', { no: billNo, status: r.status }, { message: `HIS 暂时无法提供处方 ${billNo}（HTTP ${r.status}）` });
      return r.text;
    },
    async deliver(key, _billNo, payload) {
      const r = await request(base + c.resultsPath, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', 'idempotency-key': key, ...c.headers },
        body: JSON.stringify(payload),
      });
      if (r.status < 200 || r.status >= 300) throw new Error(`HIS 未确认（HTTP ${r.status}${r.text ? `: ${r.text.slice(0, 120)}` : ''}）`);
      let body: unknown;
      try {
        body = JSON.parse(r.text);
      } catch {
        throw new Error(`HIS 的应答不是 JSON：${r.text.slice(0, 80)}`);
      }
      const ack = HisAck.safeParse(body);
      if (!ack.success) throw new Error(`HIS 的应答不是确认：${r.text.slice(0, 120)}`);
      if (ack.data.key !== key) throw new Error(`HIS 确认的是另一条结果（${ack.data.key}）`);
      return r.text;
    },
  };
}

/** the file of a bill inside the folder (the number is checked first: no path can leave the folder) */
function inside(folder: string, name: string): string {
  const root = path.resolve(folder);
  const file = path.resolve(root, name);
  if (path.dirname(file) !== root) throw AppError.keyed('VALIDATION', 'hisErr.badNumber', { no: name }, { field: 'billNo', message: `不是有效的处方号: ${name}` });
  return file;
}

const RESULT = /^(.+)\.([0-9a-f-]{36})\.(settled|reversed)\.result\.json$/;

export function folderSource(c: Pick<HisConfig, 'folder'>): BillSource {
  const folder = path.resolve(c.folder ?? '.');
  return {
    kind: 'folder',
    async fetchBill(billNo) {
      try {
        return await fs.promises.readFile(inside(folder, `${billNo}.json`), 'utf8');
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') throw AppError.keyed('NOT_FOUND', 'hisErr.notFound', { no: billNo }, { field: 'billNo', message: `HIS 目录 ${folder} 中没有处方 ${billNo}（${billNo}.json）` });
        if (e instanceof AppError) throw e;
        throw AppError.keyed('CONFLICT', 'hisErr.fileUnreadable', { no: billNo }, { message: `读不到处方文件 ${billNo}.json：${(e as Error).message}` });
      }
    },
    /** written whole or not at all: a temporary file, fsync, rename, fsync of the folder */
    async deliver(key, _billNo, payload, fileName) {
      const file = inside(folder, fileName);
      const tmp = `${file}.tmp-${process.pid}`;
      const text = `${JSON.stringify(payload, null, 2)}\n`;
      const fd = await fs.promises.open(tmp, 'w');
      try {
        await fd.writeFile(text, 'utf8');
        await fd.sync();
      } finally {
        await fd.close();
      }
      await fs.promises.rename(tmp, file);
      const dir = await fs.promises.open(folder, 'r');
      try {
        await dir.sync();
      } finally {
        await dir.close();
      }
      return JSON.stringify({ ok: true, key, file: path.basename(file) });
    },
    settledResultOf(billNo) {
      let names: string[];
      try {
        names = fs.readdirSync(folder);
      } catch {
        return null;
      }
      const byId = new Map<string, Set<string>>();
      for (const n of names) {
        const m = RESULT.exec(n);
        if (!m || m[1] !== billNo) continue;
        if (!byId.has(m[2])) byId.set(m[2], new Set());
        byId.get(m[2])!.add(m[3]);
      }
      for (const [id, kinds] of byId) {
        if (!kinds.has('settled') || kinds.has('reversed')) continue;
        try {
          const p = JSON.parse(fs.readFileSync(inside(folder, `${billNo}.${id}.settled.result.json`), 'utf8')) as { setl_id?: string; terminal_id?: string };
          return { settlement_id: id, setl_id: p.setl_id ?? null, terminal_id: p.terminal_id ?? null };
        } catch {
          return { settlement_id: id, setl_id: null, terminal_id: null };
        }
      }
      return null;
    },
  };
}

/** the result file of a notice in folder mode: one per settlement and kind, beside the bill */
export const resultFileName = (billNo: string, settlementId: string, kind: 'settled' | 'reversed') => `${billNo}.${settlementId}.${kind}.result.json`;
