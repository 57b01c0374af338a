/**
 * Developer panel: the simulator's fault switches beyond "down / garbage / delay" — apply then drop
 * the reply, HTTP 500, a business refusal with a chosen infcode, a drifted policy, msgid dedupe, and
 * which transaction the reply faults hit. Each changes the running simulator at once.
 */
import { useState } from 'react';
import { useI18n } from '../i18n/index.js';
import { useCenterFaults } from '../lib/use-center-faults.js';
import { FormError } from './ErrorBanner.js';

const INFNOS = ['2101', '2102', '2201', '2204', '2206', '2207', '2208', '2103', '2601', '1101', '9001'] as const;

export function DevFaultControls() {
  const { t } = useI18n();
  const [infcode, setInfcode] = useState('-1');
  const [errMsg, setErrMsg] = useState('参保人员状态异常，不能结算');
  const [error, setError] = useState<string | null>(null);
  const { faults, setFault: set } = useCenterFaults(setError, (f) => {
    if (f.businessError) {
      setInfcode(String(f.businessError.infcode));
      setErrMsg(f.businessError.err_msg);
    }
  });

  const code = Number(infcode);
  const errorValid = /^-\d{1,6}$/.test(infcode) && code <= -1 && errMsg.trim().length > 0;
  const toggle = (key: 'timeoutAfterCommit' | 'http500' | 'driftedPolicy' | 'dedupe', label: string) => (
    <label className="toggle">
      <input type="checkbox" checked={faults?.[key] ?? false} disabled={!faults} onChange={(e) => void set({ [key]: e.target.checked })} data-testid={`dev-fault-${key}`} />
      <span>{label}</span>
    </label>
  );
  return (
    <div className="dev-faults" data-testid="dev-faults">
      <h3>{t('dev.faults')}</h3>
      <FormError error={error} testId="dev-faults-error" announce={false} />
      {toggle('timeoutAfterCommit', t('dev.timeoutAfterCommit'))}
      {toggle('http500', t('dev.http500'))}
      {toggle('driftedPolicy', t('dev.driftedPolicy'))}
      {toggle('dedupe', t('dev.dedupe'))}
      <label className="toggle">
        <input
          type="checkbox"
          checked={faults?.businessError != null}
          disabled={!faults || (!faults.businessError && !errorValid)}
          onChange={(e) => void set({ businessError: e.target.checked ? { infcode: code, err_msg: errMsg.trim().slice(0, 200) } : null })}
          data-testid="dev-fault-businessError"
        />
        <span>{t('dev.businessError')}</span>
      </label>
      <div className="input-row">
        <label className="field compact">
          <span>{t('dev.infcode')}</span>
          <input value={infcode} onChange={(e) => setInfcode(e.target.value.replace(/[^\d-]/g, ''))} data-testid="dev-fault-infcode" />
        </label>
        <label className="field compact">
          <span>{t('dev.errMsg')}</span>
          <input value={errMsg} maxLength={200} onChange={(e) => setErrMsg(e.target.value)} data-testid="dev-fault-errmsg" />
        </label>
      </div>
      <label className="field compact">
        <span>{t('dev.onlyInfno')}</span>
        <select value={faults?.onlyInfno ?? ''} disabled={!faults} onChange={(e) => void set({ onlyInfno: e.target.value || null })} data-testid="dev-fault-onlyInfno">
          <option value="">{t('dev.allInfno')}</option>
          {INFNOS.map((i) => (
            <option key={i} value={i}>
              {i}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
