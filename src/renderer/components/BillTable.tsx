/** The lines of the bill: name, spec, class, unit price, editable quantity, amount, delete. */
import type { PreviewOutput } from '../../shared/api.js';
import { useI18n } from '../i18n/index.js';
import { billTotal, lineAmountFen, qtyProblem, type DraftLine } from '../lib/draft.js';
import { Amount } from './Amount.js';
import { UnmappedMark } from './his/UnmappedMark.js';

interface Props {
  lines: readonly DraftLine[];
  priced: PreviewOutput['lines_priced'] | null;
  readOnly: boolean;
  onQty(key: string, qty: string): void;
  onRemove(key: string): void;
}

export function BillTable({ lines, priced, readOnly, onQty, onRemove }: Props) {
  const { t } = useI18n();
  if (lines.length === 0) return <div className="bill-empty muted">{t('bill.empty')}</div>;
  // HIS lines learn their class and name from the priced preview (same order as the draft)
  const pricedFor = (i: number) => (priced && priced.length === lines.length && priced[i].code === lines[i].code ? priced[i] : null);
  return (
    <table className="bill-table">
      <thead>
        <tr>
          <th>#</th>
          <th>{t('bill.col.name')}</th>
          <th>{t('bill.col.spec')}</th>
          <th>{t('bill.col.lv')}</th>
          <th className="num">{t('bill.col.price')}</th>
          <th className="num">{t('bill.col.qty')}</th>
          <th className="num">{t('bill.col.amount')}</th>
          <th />
        </tr>
      </thead>
      <tbody>
        {lines.map((l, i) => {
          const p = pricedFor(i);
          const lv = l.lv ?? (p?.chrgitm_lv as DraftLine['lv']) ?? null;
          const problem = qtyProblem(l);
          const amount = lineAmountFen(l);
          return (
            <tr key={l.key} data-testid="bill-line" data-code={l.code} className={problem ? 'has-problem' : ''}>
              <td className="muted">{i + 1}</td>
              <td className="line-name">
                {l.name || p?.name || l.code}
                <UnmappedMark reason={p?.unmapped ?? (l.priceOverride ? null : l.unmapped)} />
              </td>
              <td className="muted">{l.spec}</td>
              <td>
                <span className={`lv-badge lv-${lv ?? 'unknown'}`} data-testid="bill-line-lv" data-lv={lv ?? ''}>
                  {t(lv ? `lv.${lv}` : 'lv.unknown')}
                </span>
              </td>
              <td className="num">
                <Amount fen={l.price} size="sm" testId="bill-line-price" />
                {l.unit && <span className="muted">/{l.unit}</span>}
              </td>
              <td className="num">
                <input
                  className="qty-input"
                  value={l.qty}
                  inputMode="decimal"
                  aria-invalid={problem ? true : undefined}
                  title={problem ? t(problem === 'integer' ? 'bill.qtyInteger' : 'bill.qtyInvalid') : l.fractional && !l.priceOverride ? t('bill.fractional') : ''}
                  onChange={(e) => onQty(l.key, e.target.value.replace(/[^\d.]/g, ''))}
                  disabled={readOnly}
                  data-testid="bill-line-qty"
                />
                {problem && (
                  <div className="form-error small" data-testid="bill-line-error">
                    {t(problem === 'integer' ? 'bill.qtyInteger' : 'bill.qtyInvalid')}
                  </div>
                )}
              </td>
              <td className="num">{amount === null ? '—' : <Amount fen={amount} testId="bill-line-amount" />}</td>
              <td>
                <button type="button" className="btn btn-small btn-danger" onClick={() => onRemove(l.key)} disabled={readOnly} data-testid="bill-line-remove">
                  {t('bill.remove')}
                </button>
              </td>
            </tr>
          );
        })}
      </tbody>
      <tfoot>
        <tr>
          <td colSpan={6} className="num">
            {t('bill.total')}
          </td>
          <td className="num">
            <Amount fen={billTotal(lines)} size="md" testId="bill-total" />
          </td>
          <td />
        </tr>
      </tfoot>
    </table>
  );
}
