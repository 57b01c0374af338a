/** The administrator screen's cashier section: every cashier with role, state and actions; add a cashier. Every change is audited on the main side. */
import { useCallback, useEffect, useState } from 'react';
import type { CashierAdminView } from '../../../shared/api-security.js';
import { CASHIER_NO_PATTERN, PIN_PATTERN, Role } from '../../../shared/domain.js';
import { useI18n } from '../../i18n/index.js';
import { describeError } from '../../i18n/translate.js';
import { api, toApiError } from '../../lib/api.js';
import { useBusinessTime } from '../../lib/counter-settings.js';
import { DigitsField } from '../DigitsField.js';
import { FormError } from '../ErrorBanner.js';

const ROLES = Role.options;

export function CashierSection({ me }: { me: string }) {
  const bt = useBusinessTime();
  const { t } = useI18n();
  const [rows, setRows] = useState<CashierAdminView[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [pinFor, setPinFor] = useState<string | null>(null);
  const [newPin, setNewPin] = useState('');

  const load = useCallback(() => api('cashier.list', {}).then(setRows, (e) => setError(describeError(t, toApiError(e)))), [t]);
  useEffect(() => void load(), [load]);

  /** one change, then the list as the main side has it now */
  const act = async (f: () => Promise<unknown>) => {
    setError(null);
    try {
      await f();
    } catch (e) {
      setError(describeError(t, toApiError(e)));
    }
    await load();
  };

  const state = (c: CashierAdminView) =>
    !c.intact ? <span className="state-bad">{t('admin.state.tampered')}</span>
    : c.lockedUntil ? <span className="state-warn">{t('admin.state.locked', { until: bt.time(c.lockedUntil).slice(0, 5) })}</span>
    : c.active ? t('admin.state.active') : <span className="muted">{t('admin.state.disabled')}</span>;

  return (
    <section className="admin-section" aria-labelledby="admin-cashiers" data-testid="admin-cashiers">
      <h2 id="admin-cashiers">{t('admin.section.cashiers')}</h2>
      <FormError error={error} testId="admin-cashier-error" />
      <table className="admin-table">
        <thead>
          <tr>
            <th>{t('admin.col.no')}</th>
            <th>{t('admin.col.name')}</th>
            <th>{t('admin.col.role')}</th>
            <th>{t('admin.col.state')}</th>
            <th>{t('admin.col.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((c) => (
            <tr key={c.no} data-testid="admin-cashier-row" data-no={c.no} data-active={c.active} data-role={c.role}>
              <td className="mono">{c.no}</td>
              <td>{c.name}</td>
              <td>
                <select value={c.role} disabled={c.no === me} onChange={(e) => void act(() => api('cashier.setRole', { cashierNo: c.no, role: e.target.value as Role }))} data-testid="admin-role">
                  {ROLES.map((r) => (
                    <option key={r} value={r}>
                      {t(`admin.role.${r}`)}
                    </option>
                  ))}
                </select>
              </td>
              <td data-testid="admin-state">{state(c)}</td>
              <td>
                <div className="actions">
                  {c.no !== me && (
                    <button type="button" className="btn btn-small" onClick={() => void act(() => api('cashier.setActive', { cashierNo: c.no, active: !c.active }))} data-testid="admin-toggle">
                      {t(c.active ? 'admin.disable' : 'admin.enable')}
                    </button>
                  )}
                  {c.lockedUntil && (
                    <button type="button" className="btn btn-small" onClick={() => void act(() => api('cashier.clearLockout', { cashierNo: c.no }))} data-testid="admin-clear-lockout">
                      {t('admin.clearLockout')}
                    </button>
                  )}
                  {pinFor === c.no ? (
                    <form
                      className="actions"
                      onSubmit={(e) => {
                        e.preventDefault();
                        if (!PIN_PATTERN.test(newPin)) return setError(t('login.pinInvalid'));
                        void act(() => api('cashier.resetPin', { cashierNo: c.no, pin: newPin })).then(() => {
                          setPinFor(null);
                          setNewPin('');
                        });
                      }}
                    >
                      <DigitsField label={t('admin.newPin')} value={newPin} onChange={setNewPin} maxLength={8} testId="admin-new-pin" secret autoFocus autoComplete="new-password" />
                      <button type="submit" className="btn btn-small btn-primary" data-testid="admin-save-pin">
                        {t('admin.savePin')}
                      </button>
                    </form>
                  ) : (
                    <button type="button" className="btn btn-small" onClick={() => setPinFor(c.no)} data-testid="admin-reset-pin">
                      {t('admin.resetPin')}
                    </button>
                  )}
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <AddCashier onAdded={() => void load()} onError={setError} />
    </section>
  );
}

function AddCashier({ onAdded, onError }: { onAdded(): void; onError(e: string | null): void }) {
  const { t } = useI18n();
  const [no, setNo] = useState('');
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('cashier');
  const [pin, setPin] = useState('');
  return (
    <form
      className="admin-add"
      data-testid="admin-add"
      onSubmit={(e) => {
        e.preventDefault();
        if (!CASHIER_NO_PATTERN.test(no)) return onError(t('login.cashierInvalid'));
        if (!PIN_PATTERN.test(pin)) return onError(t('login.pinInvalid'));
        onError(null);
        api('cashier.add', { cashierNo: no, name: name.trim(), role, pin }).then(
          () => {
            setNo('');
            setName('');
            setPin('');
            onAdded();
          },
          (err) => onError(describeError(t, toApiError(err))),
        );
      }}
    >
      <DigitsField label={t('admin.col.no')} value={no} onChange={setNo} maxLength={4} testId="admin-add-no" autoComplete="off" />
      <label className="field">
        <span>{t('admin.col.name')}</span>
        <input value={name} maxLength={20} onChange={(e) => setName(e.target.value)} data-testid="admin-add-name" />
      </label>
      <label className="field">
        <span>{t('admin.col.role')}</span>
        <select value={role} onChange={(e) => setRole(e.target.value as Role)} data-testid="admin-add-role">
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`admin.role.${r}`)}
            </option>
          ))}
        </select>
      </label>
      <DigitsField label={t('admin.newPin')} value={pin} onChange={setPin} maxLength={8} testId="admin-add-pin" secret autoComplete="new-password" />
      <button type="submit" className="btn btn-primary" data-testid="admin-add-submit">
        {t('admin.addSubmit')}
      </button>
    </form>
  );
}
