/**
 * The groups of an end of day (insutype × clr_type), one table for both scopes (本窗口 / 全院): count,
 * the five amounts, reversals, pending, the center's total and the verdict. Test ids carry the
 * scope's prefix (eod-group / inst-eod-group, eod-medfee …, eod-reversals, eod-center-medfee).
 * With onSelect a row is clicked to drill into its differences.
 */
import type { ReconGroup } from '../../shared/api-reconcile.js';
import { formatYuan } from '../../shared/money.js';
import { useI18n } from '../i18n/index.js';
import { AMOUNT_FIELDS } from '../lib/amount-fields.js';
import { Amount } from './Amount.js';

export const eodGroupKey = (g: Pick<ReconGroup, 'insutype' | 'clr_type'>) => `${g.insutype}/${g.clr_type}`;

/** The heads of a group's figures (count, the amounts, reversals, pending), shared by the group and window tables. */
export function EodFigureHeads() {
  const { t } = useI18n();
  return (
    <>
      <th className="num">{t('eod.col.count')}</th>
      {AMOUNT_FIELDS.map(({ field, short }) => (
        <th key={field} className="num">
          {t(`eod.col.${short}`)}
        </th>
      ))}
      <th className="num">{t('eod.col.reversals')}</th>
      <th className="num">{t('eod.col.pending')}</th>
    </>
  );
}

/** A group's (or a window's share's) figures under EodFigureHeads; test ids `<prefix>-<amount>` and `<prefix>-reversals`. */
export function EodFigureCells({ figures: f, testIdPrefix }: { figures: Pick<ReconGroup, 'local' | 'reversals' | 'pending'>; testIdPrefix: string }) {
  return (
    <>
      <td className="num">{f.local.count}</td>
      {AMOUNT_FIELDS.map(({ field, short }) => (
        <td key={field} className="num">
          <Amount fen={f.local[field]} size="sm" testId={`${testIdPrefix}-${short}`} />
        </td>
      ))}
      <td className="num" data-testid={`${testIdPrefix}-reversals`} data-count={f.reversals.count}>
        {f.reversals.count > 0 ? `${f.reversals.count} / ${formatYuan(f.reversals.medfee_sumamt)}` : '—'}
      </td>
      <td className="num">{f.pending.count > 0 ? f.pending.count : '—'}</td>
    </>
  );
}

export function EodGroupTable({ groups, prefix, selected = null, onSelect }: { groups: readonly ReconGroup[]; prefix: 'eod' | 'inst-eod'; selected?: string | null; onSelect?(key: string): void }) {
  const { t } = useI18n();
  return (
    <table className="list-table eod-table" data-testid={`${prefix}-groups`}>
      <thead>
        <tr>
          <th>{t('eod.col.group')}</th>
          <EodFigureHeads />
          <th className="num">{t('eod.col.center')}</th>
          <th>{t('eod.col.result')}</th>
        </tr>
      </thead>
      <tbody>
        {groups.map((g) => (
          <tr
            key={eodGroupKey(g)}
            className={`${eodGroupKey(g) === selected ? 'selected' : ''} eod-row-${g.status}`}
            onClick={onSelect ? () => onSelect(eodGroupKey(g)) : undefined}
            data-testid={`${prefix}-group`}
            data-group={eodGroupKey(g)}
            data-status={g.status}
          >
            <td>
              {g.insutype} {t(`insutype.${g.insutype}`)} / {g.clr_type} {t(`clrType.${g.clr_type}`)}
            </td>
            <EodFigureCells figures={g} testIdPrefix={prefix} />
            <td className="num">{g.center ? <Amount fen={g.center.medfee_sumamt} size="sm" testId={`${prefix}-center-medfee`} /> : '—'}</td>
            <td>
              <span className={`status-pill eod-pill-${g.status}`}>{t(`eod.status.${g.status}`)}</span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
