/**
 * The receipt printer's part of the whole terminal: the transport the configuration names, the print
 * worker over the durable queue, and what the cashier asks of it — the printer's state, a slip's
 * paper, a reprint (补打), the A4 PDF. The queue's rows are written by the follower
 * (queue/follower.ts, wired in buildCore); this is only the sending side.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { PaperView, PrintJobView, PrintStatus } from '../../shared/api-print.js';
import type { HandoverRecord, PdfFile } from '../../shared/api-till.js';
import { AppError } from '../errors.js';
import type { Store } from '../store/index.js';
import type { PrintJobRow } from '../store/print-jobs.js';
import type { PrinterConfig } from './config.js';
import { interpret } from './escpos/interpreter.js';
import type { SlipDoc } from './layout/doc.js';
import type { InstitutionFacts } from './layout/facts.js';
import { COLUMNS } from './layout/columns.js';
import { createSlipFacts, type FactsDeps } from './queue/slip-facts.js';
import { createPrintWorker } from './queue/worker.js';
import { slipPdf } from './render/pdf.js';
import { createSlipRenderer } from './render/slip-bytes.js';
import { transportFor } from './transports/open.js';
import type { PrinterTransport } from './transports/types.js';
import type { VirtualPrinter } from './transports/virtual.js';

export interface PrintAreaDeps {
  store: Store;
  printer: PrinterConfig;
  institution: InstitutionFacts;
  localTime(iso: string): string;
  nowMs(): number;
  catalogItem: FactsDeps['catalogItem'];
  auditChainHead(): string | null;
  handoverRecord(id: number): HandoverRecord;
  dataDir: string;
  /** the printer's state or the queue changed; a job reached the paper */
  statusChanged(s: PrintStatus): void;
  printed(job: PrintJobView): void;
  log(line: string): void;
  /** tests: another transport than the configured one */
  transport?: PrinterTransport;
  /** Electron: hand the PDF to the OS print dialog (true when it did); browser mode has none */
  deliverPdf?(file: string): Promise<boolean>;
}

/** an ISO instant as yyyy-MM-dd HH:mm:ss in the business zone (what slips print) */
export function localTimeOf(clock: { stamp14(d?: Date): string }): (iso: string) => string {
  return (iso) => {
    const d = new Date(iso);
    if (Number.isNaN(d.getTime())) return iso;
    const s = clock.stamp14(d);
    return `${s.slice(0, 4)}-${s.slice(4, 6)}-${s.slice(6, 8)} ${s.slice(8, 10)}:${s.slice(10, 12)}:${s.slice(12, 14)}`;
  };
}

export function jobView(j: PrintJobRow): PrintJobView {
  return {
    id: j.id,
    kind: j.kind,
    settlementId: j.settlement_id,
    handoverId: j.handover_id,
    reprintNo: j.reprint_no,
    state: j.state,
    lastError: j.last_error,
    createdAt: j.created_at,
    doneAt: j.done_at,
  };
}

export function createPrintArea(d: PrintAreaDeps) {
  const { store } = d;
  const transport = d.transport ?? transportFor(d.printer);
  const nowIso = () => new Date(d.nowMs()).toISOString();
  const facts = createSlipFacts({ store, institution: d.institution, localTime: d.localTime, nowIso, catalogItem: d.catalogItem, auditChainHead: d.auditChainHead });
  const renderer = createSlipRenderer(facts, d.printer, d.handoverRecord);
  const columns = COLUMNS[d.printer.width];

  function status(): PrintStatus {
    const c = worker.condition();
    const q = store.printJobs.counts();
    return {
      printer: { kind: transport.kind, width: d.printer.width, columns, state: c.state, nearEnd: c.nearEnd, reason: c.reason, checkedAt: c.checkedAt },
      queue: { waiting: q.held + q.ready + q.sending, uncertain: q.uncertain },
    };
  }

  const worker = createPrintWorker({
    jobs: store.printJobs,
    transport,
    bytes: (job) => renderer.bytes(job),
    retryMs: d.printer.retryMs,
    statusPollMs: d.printer.statusPollMs,
    statusTimeoutMs: d.printer.statusTimeoutMs,
    nowMs: d.nowMs,
    changed: () => {
      if (store.db.open) d.statusChanged(status());
    },
    printed: (job) => d.printed(jobView(job)),
    log: d.log,
  });

  function requireJob(id: number): PrintJobRow {
    const j = store.printJobs.get(id);
    if (!j) throw AppError.keyed('NOT_FOUND', 'print.noSuchJob', {}, { field: 'jobId', message: `no print job ${id}` });
    return j;
  }

  function requireSlip(settlementId: string, kind: 'settlement' | 'reversal') {
    const rec = store.settlements.get(settlementId);
    if (!rec) throw AppError.keyed('NOT_FOUND', 'settle.noSuchSettlement', {}, { field: 'settlementId', message: 'no such settlement' });
    if (kind === 'settlement' && rec.status === 'refused') {
      throw AppError.keyed('CONFLICT', 'print.refusedNoSlip', {}, { field: 'settlementId', message: 'the center refused this settlement: it has no slip' });
    }
    if (kind === 'reversal' && !store.receipts.refund(settlementId)) {
      throw AppError.keyed('CONFLICT', 'print.notReversed', {}, { field: 'kind', message: 'this settlement was not reversed' });
    }
    return rec;
  }

  return {
    transport,
    /** the virtual printer, when that is the printer (developer panel, tests) */
    virtual: transport.kind === 'virtual' ? (transport as VirtualPrinter) : null,
    worker,
    status,
    start: () => worker.start(),
    stop: () => worker.stop(),
    kick: () => worker.kick(),

    /** 补打: the slip as it stands now, numbered, audited, queued */
    reprint(settlementId: string, kind: 'settlement' | 'reversal', actor: string): PrintJobView {
      requireSlip(settlementId, kind);
      const id = store.transaction(() => {
        const reprintNo = store.printJobs.nextReprintNo(kind, { settlement_id: settlementId });
        const jobId = store.printJobs.add({ kind, settlement_id: settlementId, reprint_no: reprintNo, state: 'ready', actor })!;
        store.audit.append({ actor, action: 'print.reprint', subject: settlementId, detail: { kind, reprint_no: reprintNo, job: jobId } });
        return jobId;
      });
      worker.kick();
      d.statusChanged(status());
      return jobView(store.printJobs.get(id)!);
    },

    /** the cashier saw an uncertain slip on paper */
    acknowledge(jobId: number, actor: string): PrintJobView {
      const j = requireJob(jobId);
      if (j.state !== 'uncertain') throw AppError.keyed('CONFLICT', 'print.notUncertain', {}, { field: 'jobId', message: `job ${jobId} is ${j.state}` });
      store.transaction(() => {
        store.printJobs.acknowledge(jobId, `已由 ${actor} 确认打印`);
        store.audit.append({ actor, action: 'print.acknowledge', subject: j.settlement_id ?? `handover:${j.handover_id}`, detail: { job: jobId } });
      });
      d.statusChanged(status());
      return jobView(store.printJobs.get(jobId)!);
    },

    jobs: (settlementId: string): PrintJobView[] => store.printJobs.forSettlement(settlementId).map(jobView),
    open: (): PrintJobView[] => store.printJobs.open().map(jobView),

    /** a job's bytes as paper (what the virtual printer shows) */
    paper(jobId: number): PaperView {
      const j = requireJob(jobId);
      const bytes = store.printJobs.bytes(jobId) ?? renderer.bytes(j);
      const p = interpret(bytes, d.printer.encoding);
      return {
        jobId,
        columns,
        lines: p.lines,
        qr: p.qr.map((q) => ({ data: q.data, atLine: q.atLine })),
        cuts: p.cuts.length,
        drawerKicks: p.drawer.length,
        bytes: bytes.length,
      };
    },

    /** the A4 PDF of a slip: written under dataDir/slips, handed to the OS print dialog (Electron) or returned for download */
    async pdf(settlementId: string, kind: 'settlement' | 'reversal', actor: string): Promise<PdfFile> {
      const rec = requireSlip(settlementId, kind);
      const doc = renderer.doc({ kind, settlement_id: settlementId, reprint_no: null, actor, created_at: nowIso() } as PrintJobRow)!;
      const bytes = await slipPdf(doc, { author: d.institution.fixmedins_name });
      const name = `${kind === 'settlement' ? '结算单' : '冲销单'}-${rec.setl_id ?? rec.id}.pdf`;
      return deliver(bytes, name, { action: 'print.pdf', subject: settlementId, detail: { kind }, actor });
    },

    /** the hand-over's A4 PDF */
    async handoverPdf(id: number, actor: string): Promise<PdfFile> {
      const doc = renderer.doc({ kind: 'handover', handover_id: id, settlement_id: null, reprint_no: null } as PrintJobRow)!;
      const bytes = await slipPdf(doc, { author: d.institution.fixmedins_name });
      return deliver(bytes, `交班单-${id}.pdf`, { action: 'handover.pdf', subject: String(id), detail: {}, actor });
    },

    /** another area's document in the slips' blocks (the window's day) as an A4 PDF, delivered and audited like the slips */
    async documentPdf(doc: SlipDoc, name: string, audit: { action: string; subject: string; actor: string }): Promise<PdfFile> {
      const bytes = await slipPdf(doc, { author: d.institution.fixmedins_name });
      return deliver(bytes, name, { ...audit, detail: {} });
    },
  };

  async function deliver(bytes: Buffer, name: string, audit: { action: string; subject: string; detail: object; actor: string }): Promise<PdfFile> {
    const dir = path.join(d.dataDir, 'slips');
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, name);
    fs.writeFileSync(file, bytes);
    store.audit.append({ actor: audit.actor, action: audit.action, subject: audit.subject, detail: { ...audit.detail, file: path.basename(file), bytes: bytes.length } });
    const printed = d.deliverPdf ? await d.deliverPdf(file).catch(() => false) : false;
    return { file, bytes: bytes.length, name, delivered: printed ? 'print_dialog' : 'download', base64: printed ? null : bytes.toString('base64') };
  }
}
export type PrintArea = ReturnType<typeof createPrintArea>;
