/**
 * The lines of the bill: name (with spec and class), unit price, quantity, amount, delete. A quantity
 * is taken as typed and, when it is not one, said why in words. HIS lines are the hospital's
 * prescription: their quantity is shown, not edited, and they are not deleted here.
 */
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
  /** the HIS bill was loaded by its number: its lines may go, with a supervisor's approval */
  hisRemovable?: boolean;
}

export function BillTable({ lines, priced, readOnly, onQty, onRemove, hisRemovable = false }: Props) {
  const { t } = useI18n();
  if (lines.length === 0) return <div className="bill-empty muted">{t('bill.empty')}</div>;
  // HIS lines learn their class and name from the priced preview (same order as the draft)
  const pricedFor = (i: number) => (priced && priced.length === lines.length && priced[i].code === lines[i].code ? priced[i] : null);
  const his = lines.some((l) => l.priceOverride);
  return (
    <div className="bill-table-wrap">
      <table className="bill-table">
        <colgroup>
          <col className="col-no" />
          <col className="col-name" />
          <col className="col-price" />
          <col className="col-qty" />
          <col className="col-amount" />
          <col className="col-remove" />
        </colgroup>
        <thead>
          <tr>
            <th>#</th>
            <th>
              {t('bill.col.name')}
              <span className="muted small"> · {t('bill.col.spec')} · {t('bill.col.lv')}</span>
            </th>
            <th className="num">{t('bill.col.price')}</th>
            <th className="num">{t('bill.col.qty')}</th>
            <th className="num">{t('bill.col.amount')}</th>
            <th>
              <span className="sr-only">{t('bill.remove')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {lines.map((l, i) => {
            const p = pricedFor(i);
            const lv = l.lv ?? (p?.chrgitm_lv as DraftLine['lv']) ?? null;
            const problem = qtyProblem(l);
            const amount = lineAmountFen(l);
            const problemText = problem ? t(`bill.qty.${problem}`, { unit: l.unit || t('bill.unitDefault') }) : null;
            return (
              <tr key={l.key} data-testid="bill-line" data-code={l.code} data-his={l.priceOverride ? 'true' : 'false'} className={problem ? 'has-problem' : ''}>
                <td className="muted">{i + 1}</td>
                <td className="line-name-cell">
                  <span className="line-name">
                    {l.name || p?.name || l.code}
                    <UnmappedMark reason={p?.unmapped ?? (l.priceOverride ? null : l.unmapped)} />
                  </span>
                  <span className="line-meta">
                    <span className={`lv-badge lv-${lv ?? 'unknown'}`} data-testid="bill-line-lv" data-lv={lv ?? ''}>
                      {t(lv ? `lv.${lv}` : 'lv.unknown')}
                    </span>
                    {l.spec && <span className="muted small">{l.spec}</span>}
                  </span>
                </td>
                <td className="num">
                  <Amount fen={l.price} size="sm" testId="bill-line-price" />
                  {l.unit && <span className="muted small unit">/{l.unit}</span>}
                </td>
                <td className="num">
                  {l.priceOverride ? (
                    <span className="qty-fixed" data-testid="bill-line-qty" data-readonly="true" title={t('bill.hisFixed')}>
                      {l.qty}
                    </span>
                  ) : (
                    <input
                      className="qty-input"
                      value={l.qty}
                      inputMode="decimal"
                      autoComplete="off"
                      aria-invalid={problem ? true : undefined}
                      aria-label={t('bill.qtyOf', { name: l.name || l.code })}
                      title={problemText ?? (l.fractional ? t('bill.fractional') : '')}
                      onChange={(e) => onQty(l.key, e.target.value)}
                      disabled={readOnly}
                      data-testid="bill-line-qty"
                    />
                  )}
                  {problemText && (
                    <div className="form-error small" data-testid="bill-line-error" data-problem={problem}>
                      {problemText}
                    </div>
                  )}
                </td>
                <td className="num">{amount === null ? '—' : <Amount fen={amount} testId="bill-line-amount" />}</td>
                <td>
                  {/* an HIS line goes only with a supervisor's approval (onRemove asks for it), and only from a bill loaded by number */}
                  {(!l.priceOverride || hisRemovable) && (
                    <button type="button" className="btn btn-small btn-danger" onClick={() => onRemove(l.key)} disabled={readOnly} data-testid="bill-line-remove">
                      {t('bill.remove')}
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
        <tfoot>
          <tr>
            <td colSpan={4} className="num">
              {t('bill.total')}
            </td>
            <td className="num">
              <Amount fen={billTotal(lines)} size="md" testId="bill-total" />
            </td>
            <td />
          </tr>
        </tfoot>
      </table>
      {his && (
        <div className="muted small" data-testid="bill-his-note">
          {t('bill.hisNote')}
        </div>
      )}
    </div>
  );
}
