import { useI18n } from '../i18n/index.js';

export function ErrorBanner({ text, onDismiss }: { text: string | null; onDismiss(): void }) {
  const { t } = useI18n();
  if (!text) return null;
  return (
    <div className="error-banner" role="alert" data-testid="error-banner">
      <span className="error-text">{text}</span>
      <button type="button" className="btn btn-small" onClick={onDismiss} data-testid="error-dismiss">
        {t('error.dismiss')}
      </button>
    </div>
  );
}

/** A form's error line; announced to screen readers unless `announce` is false (a panel's load error) */
export function FormError({ error, testId, announce = true }: { error: string | null; testId?: string; announce?: boolean }) {
  if (!error) return null;
  return (
    <div className="form-error" role={announce ? 'alert' : undefined} data-testid={testId}>
      {error}
    </div>
  );
}
