/** Developer panel: a fresh demo prescription in the embedded HIS simulator, to type or scan at the counter. */
import { useState } from 'react';
import { useI18n } from '../../i18n/index.js';
import { describeError } from '../../i18n/translate.js';
import { api, toApiError } from '../../lib/api.js';
import { FormError } from '../ErrorBanner.js';

export function HisDevControls() {
  const { t } = useI18n();
  const [billNo, setBillNo] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  return (
    <>
      <h3>{t('hisDev.title')}</h3>
      <button
        type="button"
        className="btn btn-small"
        onClick={() =>
          void api('dev.hisNewBill', {}).then(
            (r) => {
              setError(null);
              setBillNo(r.billNo);
            },
            (e) => setError(describeError(t, toApiError(e))),
          )
        }
        data-testid="dev-his-new-bill"
      >
        {t('hisDev.newBill')}
      </button>
      {billNo && (
        <div className="mono" data-testid="dev-his-bill-no">
          {t('hisDev.billNo', { no: billNo })}
        </div>
      )}
      <FormError error={error} announce={false} />
    </>
  );
}
