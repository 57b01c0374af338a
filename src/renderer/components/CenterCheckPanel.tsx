/**
 * The administrator's connection check: the way to the center as configured (address, signing,
 * proxy), the certificates with their expiry (a month's warning), and the step-by-step check of
 * `pos check-center` run from the screen, each step appearing as it ends. Self-contained: mount
 * `CenterCheckPanel` in an administrator screen, or open `CenterCheckDialog` (the status bar does).
 * The diagnostics (what was found, why it failed) are the check's own Chinese words.
 */
import { useCallback, useEffect, useState } from 'react';
import { CHECK_STEP_IDS, type CenterCheckReport, type CenterLinkInfo, type CheckStepView } from '../../shared/api-center.js';
import { useI18n } from '../i18n/index.js';
import { describeError } from '../i18n/translate.js';
import { api, toApiError } from '../lib/api.js';
import { useBridgeEvent, useEscapeToClose } from '../lib/hooks.js';
import { Dialog } from './Dialog.js';
import { FormError } from './ErrorBanner.js';

const ID_NUMBER = /^\d{17}[\dX]$/;

export function CenterCheckPanel() {
  const { t } = useI18n();
  const [info, setInfo] = useState<CenterLinkInfo | null>(null);
  const [steps, setSteps] = useState<CheckStepView[]>([]);
  const [report, setReport] = useState<CenterCheckReport | null>(null);
  const [running, setRunning] = useState(false);
  const [person, setPerson] = useState('');
  const [error, setError] = useState<string | null>(null);

  const loadInfo = useCallback(() => {
    api('center.info', {}).then(setInfo, (err) => setError(describeError(t, toApiError(err))));
  }, [t]);
  useEffect(loadInfo, [loadInfo]);

  // steps arrive one by one while the call runs
  useBridgeEvent('center.checkStep', (s) => setSteps((prev) => [...prev.filter((p) => p.id !== s.id), s]));

  const personOk = person === '' || ID_NUMBER.test(person);
  async function run() {
    if (running || !personOk) return;
    setRunning(true);
    setError(null);
    setSteps([]);
    setReport(null);
    try {
      const r = await api('center.check', person ? { person } : {});
      setReport(r);
      setSteps(r.steps);
      loadInfo();
    } catch (err) {
      setError(describeError(t, toApiError(err)));
    } finally {
      setRunning(false);
    }
  }

  const failed = report?.steps.filter((s) => s.status === 'failed').length ?? 0;
  const warned = report?.steps.filter((s) => s.status === 'warn').length ?? 0;
  return (
    <section className="center-check" data-testid="center-check">
      <h3 id="center-check-title">{t('centerCheck.title')}</h3>
      {info && (
        <dl className="center-check-info" data-testid="center-check-info">
          <dt>{t('centerCheck.url')}</dt>
          <dd className="mono">
            {info.url}
            {info.embedded && <span className="muted"> （{t('centerCheck.embedded')}）</span>}
          </dd>
          <dt>{t('centerCheck.schemes')}</dt>
          <dd className="mono" data-testid="center-check-schemes">{info.schemes === 'none' ? t('centerCheck.none') : info.schemes}</dd>
          <dt>{t('centerCheck.proxy')}</dt>
          <dd className="mono">{info.proxy ?? t('centerCheck.none')}</dd>
        </dl>
      )}
      <Certificates info={info} />
      <form
        className="center-check-run"
        onSubmit={(e) => {
          e.preventDefault();
          void run();
        }}
      >
        <label className="field compact">
          <span>{t('centerCheck.person')}</span>
          <input
            value={person}
            onChange={(e) => setPerson(e.target.value.trim().toUpperCase())}
            maxLength={18}
            inputMode="numeric"
            aria-invalid={!personOk}
            data-testid="center-check-person"
          />
        </label>
        <button type="submit" className="btn btn-primary" disabled={running || !personOk} data-testid="center-check-run">
          {running ? t('centerCheck.running') : t('centerCheck.run')}
        </button>
      </form>
      {!personOk && <div className="form-error">{t('centerCheck.personInvalid')}</div>}
      <FormError error={error} testId="center-check-error" />
      {(running || steps.length > 0) && <Steps steps={steps} running={running} />}
      {report && (
        <div className={`center-check-summary ${failed ? 'is-failed' : warned ? 'is-warn' : 'is-ok'}`} role="status" data-testid="center-check-summary" data-ok={report.ok ? 'true' : 'false'}>
          {failed ? t('centerCheck.someFailed', { n: failed }) : warned ? t('centerCheck.someWarn', { n: warned }) : t('centerCheck.allOk')}
          <span className="muted small"> · {t('centerCheck.total', { ms: report.ms })}</span>
        </div>
      )}
    </section>
  );
}

function Certificates({ info }: { info: CenterLinkInfo | null }) {
  const { t } = useI18n();
  if (!info) return null;
  return (
    <>
      <h4>{t('centerCheck.certificates')}</h4>
      {info.certificates.length === 0 ? (
        <div className="muted small">{t('centerCheck.noCertificates')}</div>
      ) : (
        <ul className="center-check-certs">
          {info.certificates.map((c, i) => (
            <li key={`${c.role}-${c.source}-${i}`} className={c.expired || c.expiresSoon ? 'cert-attention' : ''} data-testid="center-check-cert" data-role={c.role} data-soon={c.expiresSoon ? 'true' : 'false'}>
              <strong>{t(`centerCheck.cert.${c.role}`)}</strong> <span className="mono small">{c.subject}</span>
              <div className="small">
                {t('centerCheck.validTo', { date: c.validTo.slice(0, 10), days: c.daysLeft })}
                {c.expired ? <span className="badge badge-warn">{t('centerCheck.expired')}</span> : c.expiresSoon && <span className="badge badge-warn">{t('centerCheck.expiresSoon')}</span>}
              </div>
              <div className="muted small mono">{c.source}</div>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function Steps({ steps, running }: { steps: CheckStepView[]; running: boolean }) {
  const { t } = useI18n();
  const byId = new Map(steps.map((s) => [s.id, s]));
  return (
    <>
      <div className="muted small">{t('centerCheck.diagnostics')}</div>
      <ol className="center-check-steps" data-testid="center-check-steps">
        {CHECK_STEP_IDS.map((id) => {
          const s = byId.get(id);
          const status = s?.status ?? 'pending';
          if (!s && !running) return null;
          return (
            <li key={id} className={`check-step step-${status}`} data-testid="center-check-step" data-step={id} data-status={status}>
              <span className="check-step-status">{t(`centerCheck.status.${status}`)}</span>
              <span className="check-step-title">{t(`centerCheck.step.${id}`)}</span>
              <span className="check-step-ms mono">{s && s.status !== 'skipped' ? `${s.ms} ms` : ''}</span>
              {s && <span className="check-step-detail">{s.detail}</span>}
              {s?.reason && (
                <span className="check-step-reason" data-testid="center-check-reason">
                  {t('centerCheck.reason')}：{s.reason}
                </span>
              )}
            </li>
          );
        })}
      </ol>
    </>
  );
}

/** The check as a dialog over the screen (from the status bar). */
export function CenterCheckDialog({ onClose }: { onClose(): void }) {
  useEscapeToClose(onClose);
  return (
    <Dialog testId="center-check-dialog" labelledBy="center-check-title" className="center-check-dialog" closeTestId="center-check-close" onClose={onClose}>
      <CenterCheckPanel />
    </Dialog>
  );
}

/**
 * The status bar's way in: a small button by the center indicator, marked when a certificate
 * expires within the warning window. Looked at again shortly after the link answers (the center's
 * certificate is known from the first connection on; a burst of sends asks once) and every six hours.
 */
export function CenterCheckButton({ onOpen, linkOkAt }: { onOpen(): void; linkOkAt: string | null }) {
  const { t } = useI18n();
  const [soonest, setSoonest] = useState<number | null>(null);
  const load = useCallback(() => {
    api('center.info', {}).then(
      (i) => {
        const due = i.certificates.filter((c) => c.expiresSoon).map((c) => c.daysLeft);
        setSoonest(due.length ? Math.min(...due) : null);
      },
      () => undefined,
    );
  }, []);
  useEffect(() => {
    const timer = setInterval(load, 6 * 3600_000);
    return () => clearInterval(timer);
  }, [load]);
  useEffect(() => {
    const later = setTimeout(load, 1500);
    return () => clearTimeout(later);
  }, [linkOkAt, load]);
  return (
    <button type="button" className="btn btn-small btn-quiet center-check-open" onClick={onOpen} title={t('centerCheck.openHint')} data-testid="center-check-open">
      {t('centerCheck.open')}
      {soonest !== null && (
        <span className="badge badge-warn" data-testid="center-cert-warning">
          {soonest <= 0 ? t('centerCheck.certExpired') : t('centerCheck.certWarning', { days: soonest })}
        </span>
      )}
    </button>
  );
}
