/**
 * The slip of the settlement on screen: where it is (waiting for the center, waiting for the
 * printer, printed, uncertain), and what the cashier can do: 补打 (Ctrl+P), look at it, its A4 PDF.
 * The reversal slip once the settlement is being reversed. `commands` lets the keys reach it.
 */
import { useCallback, useEffect, useRef, useState, type MutableRefObject } from 'react';
import type { PrintJobView } from '../../../shared/api-print.js';
import type { SettlementView } from '../../../shared/domain.js';
import { useI18n } from '../../i18n/index.js';
import { api } from '../../lib/api.js';
import { useErrors } from '../../lib/errors.js';
import { useBridgeEvent } from '../../lib/hooks.js';
import { deliverPdf } from '../../lib/pdf-download.js';
import { SlipPaper } from './SlipPaper.js';

export interface SlipCommands {
  reprint(): void;
  /** true when Esc closed the paper */
  escape(): boolean;
}

/** the slip that matters now: the reversal slip once there is one, else the settlement's, newest first */
export function currentSlip(jobs: readonly PrintJobView[]): PrintJobView | null {
  const slips = jobs.filter((j) => j.kind === 'settlement' || j.kind === 'reversal');
  const kind = slips.some((j) => j.kind === 'reversal') ? 'reversal' : 'settlement';
  return slips.filter((j) => j.kind === kind).sort((a, b) => b.id - a.id)[0] ?? null;
}

export function SlipStatus({ view, commands }: { view: Pick<SettlementView, 'id' | 'status'>; commands?: MutableRefObject<SlipCommands | null> }) {
  const { t } = useI18n();
  const errors = useErrors();
  const [jobs, setJobs] = useState<PrintJobView[]>([]);
  const [paper, setPaper] = useState<number | null>(null);
  const [note, setNote] = useState<string | null>(null);
  // answers can come back out of order (a load on the status change overtakes an event's load):
  // only the newest request may set the jobs, or a slip released to the printer reads 等待中心 again
  const latest = useRef(0);
  const load = useCallback(() => {
    const n = ++latest.current;
    api('print.jobs', { settlementId: view.id }).then((j) => n === latest.current && setJobs(j), () => undefined);
  }, [view.id]);
  useEffect(load, [load, view.status]);
  useBridgeEvent('print.printed', (j) => j.settlementId === view.id && load());
  useBridgeEvent('print.status', () => load());

  const slip = currentSlip(jobs);
  const kind: 'settlement' | 'reversal' = slip?.kind === 'reversal' ? 'reversal' : 'settlement';
  const printedJob = jobs.filter((j) => j.kind === kind && (j.state === 'printed' || j.state === 'uncertain')).sort((a, b) => b.id - a.id)[0] ?? null;
  const canPrint = view.status !== 'refused';

  const reprint = async () => {
    if (!canPrint) return;
    try {
      await api('print.reprint', { settlementId: view.id, kind });
      load();
    } catch (e) {
      errors.report(e);
    }
  };
  const pdf = async () => {
    try {
      const f = await api('print.pdf', { settlementId: view.id, kind });
      setNote(deliverPdf(f) === 'download' ? t('slip.pdfSaved', { name: f.name }) : t('slip.pdfPrinting'));
    } catch (e) {
      errors.report(e);
    }
  };
  if (commands) {
    commands.current = {
      reprint: () => void reprint(),
      escape: () => {
        if (paper === null) return false;
        setPaper(null);
        return true;
      },
    };
  }

  return (
    <div className="slip-row" data-testid="slip-status" data-state={slip?.state ?? 'none'} data-kind={kind}>
      <span>{t(kind === 'reversal' ? 'slip.reversalTitle' : 'slip.title')}：</span>
      <span className={`slip-state-${slip?.state ?? 'none'}`} data-testid="slip-state" title={slip?.lastError ?? ''}>
        {slip ? t(`slip.state.${slip.state}`) : t('slip.none')}
        {slip?.reprintNo ? ` · ${t('slip.reprintNo', { n: slip.reprintNo })}` : ''}
      </span>
      {canPrint && (
        <button type="button" className="btn" onClick={() => void reprint()} data-testid="slip-reprint">
          {t('slip.reprint')} <kbd>Ctrl+P</kbd>
        </button>
      )}
      {printedJob && (
        <button type="button" className="btn" onClick={() => setPaper(printedJob.id)} data-testid="slip-view">
          {t('slip.view')}
        </button>
      )}
      {canPrint && (
        <button type="button" className="btn" onClick={() => void pdf()} data-testid="slip-pdf">
          {t('slip.pdf')}
        </button>
      )}
      {note && (
        <span className="muted small" data-testid="slip-note">
          {note}
        </span>
      )}
      {paper !== null && <SlipPaper jobId={paper} onClose={() => setPaper(null)} />}
    </div>
  );
}
