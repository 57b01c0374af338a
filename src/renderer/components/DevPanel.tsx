/** Developer panel (F12, embedded default only): present demo cards/QRs, break the center on purpose. */
import { useEffect, useState } from 'react';
import type { DevPerson } from '../../shared/api.js';
import { maskCertno } from '../../shared/domain.js';
import { useI18n } from '../i18n/index.js';
import { describeError } from '../i18n/translate.js';
import { api, toApiError } from '../lib/api.js';
import { useCenterFaults } from '../lib/use-center-faults.js';
import { Amount } from './Amount.js';
import { DevFaultControls } from './DevFaultControls.js';
import { DevPrinterControls } from './receipts/DevPrinterControls.js';
import { DeviceList } from './DeviceList.js';
import { FormError } from './ErrorBanner.js';
import { HisDevControls } from './his/HisDevControls.js';

export function DevPanel({ onClose }: { onClose(): void }) {
  const { t } = useI18n();
  const [people, setPeople] = useState<DevPerson[]>([]);
  const [delay, setDelay] = useState('0');
  const [error, setError] = useState<string | null>(null);
  const [balancePsn, setBalancePsn] = useState('');
  const [balance, setBalance] = useState<{ psn_no: string; balc: number } | null>(null);

  const fail = (err: unknown) => setError(describeError(t, toApiError(err)));
  const { faults, setFault } = useCenterFaults(setError, (f) => setDelay(String(f.delayMs)));

  useEffect(() => {
    api('dev.people', {}).then(setPeople, fail);
  }, []);

  async function run(p: Promise<unknown>) {
    setError(null);
    try {
      await p;
    } catch (err) {
      fail(err);
    }
  }

  async function lookupBalance(psn_no: string) {
    setError(null);
    setBalance(null);
    try {
      const r = await api('dev.authorizerBalance', { psn_no });
      setBalance({ psn_no, balc: r.balc });
    } catch (err) {
      fail(err);
    }
  }

  const delayMs = Number(delay);
  const delayValid = /^\d{1,6}$/.test(delay) && delayMs <= 120000;
  return (
    <aside className="dev-panel" data-testid="dev-panel" aria-label={t('dev.title')}>
      <header className="overlay-head">
        <h2>{t('dev.title')}</h2>
        <div className="spacer" />
        <button type="button" className="btn btn-small" onClick={onClose} data-testid="dev-close">
          {t('common.close')} <kbd>F12</kbd>
        </button>
      </header>
      <FormError error={error} testId="dev-error" announce={false} />
      <h3>{t('dev.people')}</h3>
      <ul className="dev-people">
        {people.map((p) => (
          <li key={p.psn_no} data-testid="dev-person" data-psn-no={p.psn_no}>
            <div className="dev-person-label">
              <strong>{p.label}</strong>
              <span className="muted mono small">{maskCertno(p.certno)}</span>
            </div>
            <div className="dev-person-actions">
              <button type="button" className="btn btn-small" disabled={!p.hasCard} onClick={() => void run(api('dev.presentCard', { psn_no: p.psn_no }))} data-testid="dev-present-card">
                {t('dev.presentCard')}
              </button>
              <button type="button" className="btn btn-small" disabled={!p.hasQr} onClick={() => void run(api('dev.presentQr', { psn_no: p.psn_no }))} data-testid="dev-present-qr">
                {t('dev.presentQr')}
              </button>
              <button type="button" className="btn btn-small btn-quiet" onClick={() => { setBalancePsn(p.psn_no); void lookupBalance(p.psn_no); }} data-testid="dev-person-balance">
                {t('dev.balanceShort')}
              </button>
            </div>
          </li>
        ))}
      </ul>
      <DeviceList compact />
      <h3>{t('center.label')}</h3>
      <label className="toggle">
        <input type="checkbox" checked={faults?.down ?? false} disabled={!faults} onChange={(e) => void setFault({ down: e.target.checked })} data-testid="dev-center-down" />
        <span>{t('dev.centerDown')}</span>
      </label>
      <label className="toggle">
        <input type="checkbox" checked={faults?.garbage ?? false} disabled={!faults} onChange={(e) => void setFault({ garbage: e.target.checked })} data-testid="dev-garbage" />
        <span>{t('dev.garbage')}</span>
      </label>
      <form
        className="input-row"
        onSubmit={(e) => {
          e.preventDefault();
          if (delayValid) void setFault({ delayMs });
        }}
      >
        <label className="field compact">
          <span>{t('dev.delay')}</span>
          <input value={delay} inputMode="numeric" onChange={(e) => setDelay(e.target.value.replace(/\D/g, ''))} data-testid="dev-delay" />
        </label>
        <button type="submit" className="btn btn-small" disabled={!delayValid} data-testid="dev-delay-apply">
          {t('dev.apply')}
        </button>
      </form>
      <DevFaultControls />
      <HisDevControls />
      <DevPrinterControls onError={fail} />
      <h3>{t('dev.balance')}</h3>
      <form
        className="input-row"
        onSubmit={(e) => {
          e.preventDefault();
          if (balancePsn.trim()) void lookupBalance(balancePsn.trim());
        }}
      >
        <input value={balancePsn} placeholder={t('dev.balancePsnNo')} onChange={(e) => setBalancePsn(e.target.value)} data-testid="dev-balance-psn" />
        <button type="submit" className="btn btn-small" data-testid="dev-balance-lookup">
          {t('dev.lookup')}
        </button>
      </form>
      {balance && (
        <div data-testid="dev-balance-result" data-psn-no={balance.psn_no}>
          {balance.psn_no}: <Amount fen={balance.balc} testId="dev-balance-value" />
        </div>
      )}
    </aside>
  );
}
