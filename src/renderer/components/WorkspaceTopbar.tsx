/** The working screen's top bar: the institution, pharmacy ⇄ outpatient (F5), end of day and today's list. */
import type { BillKind } from '../../shared/domain.js';
import { useI18n } from '../i18n/index.js';
import type { KeyAction } from '../lib/keymap.js';

const KINDS: readonly BillKind[] = ['pharmacy', 'outpatient'];

interface Props {
  /** the institution's name once app.info has answered */
  institution: string | null;
  kind: BillKind;
  /** the bill is settled: the kind stays */
  readOnly: boolean;
  onKind(kind: BillKind): void;
  onAction(a: KeyAction): void;
}

export function WorkspaceTopbar({ institution, kind, readOnly, onKind, onAction }: Props) {
  const { t } = useI18n();
  return (
    <header className="topbar">
      <div className="topbar-title">
        <strong>{t('app.title')}</strong>
        {institution !== null && <span className="muted"> · {institution}</span>}
      </div>
      <div className="mode-switch" role="tablist" aria-label="F5">
        {KINDS.map((k) => (
          <button
            key={k}
            type="button"
            role="tab"
            aria-selected={kind === k}
            className={kind === k ? 'active' : ''}
            onClick={() => onKind(k)}
            disabled={readOnly}
            data-testid={`mode-${k}`}
            data-active={kind === k ? 'true' : 'false'}
          >
            {t(`mode.${k}`)}
          </button>
        ))}
        <kbd>F5</kbd>
      </div>
      <div className="spacer" />
      <button type="button" className="btn" onClick={() => onAction('endOfDay')} data-testid="eod-open">
        {t('eod.open')} <kbd>Ctrl+E</kbd>
      </button>
      <button type="button" className="btn" onClick={() => onAction('openList')} data-testid="list-open">
        {t('list.open')} <kbd>F6</kbd>
      </button>
    </header>
  );
}
