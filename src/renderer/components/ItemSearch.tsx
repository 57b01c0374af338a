/**
 * Pharmacy item entry: search as you type (catalog.search); Enter takes an exact code/barcode
 * (catalog.lookup) or else the highlighted / first result. Scanners type fast and press Enter,
 * so Enter never depends on the typed search having answered.
 */
import { useEffect, useImperativeHandle, useRef, useState, type KeyboardEvent, type Ref } from 'react';
import type { CatalogItem } from '../../shared/domain.js';
import { useI18n } from '../i18n/index.js';
import { describeError } from '../i18n/translate.js';
import { api, toApiError } from '../lib/api.js';
import { focusField, type FocusHandle } from '../lib/focus.js';
import { looksLikeCode } from '../lib/format.js';
import { Amount } from './Amount.js';
import { FormError } from './ErrorBanner.js';
import { UnmappedMark } from './his/UnmappedMark.js';

/** `ref`: F4 focuses the search field; Enter on an empty field goes on (`onEmptyEnter`: to the amount received) */
export function ItemSearch({ disabled, onAdd, onEmptyEnter, ref }: { disabled: boolean; onAdd(item: CatalogItem): void; onEmptyEnter?(): void; ref?: Ref<FocusHandle> }) {
  const { t } = useI18n();
  const [q, setQ] = useState('');
  const [results, setResults] = useState<{ q: string; items: CatalogItem[] }>({ q: '', items: [] });
  const [active, setActive] = useState(-1);
  const [error, setError] = useState<string | null>(null);
  const seq = useRef(0);
  const picking = useRef(false);
  const input = useRef<HTMLInputElement>(null);
  useImperativeHandle(ref, () => ({ focus: () => void focusField(input.current) }), []);

  useEffect(() => {
    const text = q.trim();
    if (!text) {
      setResults({ q: '', items: [] });
      return;
    }
    const mine = ++seq.current;
    const timer = setTimeout(() => {
      api('catalog.search', { q: text.slice(0, 50) }).then(
        (items) => {
          if (mine === seq.current) setResults({ q: text, items });
        },
        () => {
          if (mine === seq.current) setResults({ q: text, items: [] });
        },
      );
    }, 120);
    return () => clearTimeout(timer);
  }, [q]);

  function pick(item: CatalogItem) {
    onAdd(item);
    seq.current++;
    setQ('');
    setResults({ q: '', items: [] });
    setActive(-1);
    setError(null);
  }

  async function enter() {
    const text = q.trim();
    if (!text) return onEmptyEnter?.();
    if (picking.current) return;
    if (active >= 0 && results.q === text && results.items[active]) return pick(results.items[active]);
    picking.current = true;
    try {
      if (looksLikeCode(text)) {
        try {
          return pick(await api('catalog.lookup', { code: text }));
        } catch (err) {
          if (toApiError(err).code !== 'NOT_FOUND') throw err;
        }
      }
      const items = results.q === text ? results.items : await api('catalog.search', { q: text.slice(0, 50) });
      if (items[0]) return pick(items[0]);
      setError(t('bill.notFound', { q: text }));
    } catch (err) {
      setError(describeError(t, toApiError(err)));
    } finally {
      picking.current = false;
    }
  }

  function onKeyDown(e: KeyboardEvent<HTMLInputElement>) {
    if (e.key === 'Enter') {
      e.preventDefault();
      void enter();
    } else if (e.key === 'ArrowDown') {
      e.preventDefault();
      setActive((a) => Math.min(a + 1, results.items.length - 1));
    } else if (e.key === 'ArrowUp') {
      e.preventDefault();
      setActive((a) => Math.max(a - 1, -1));
    }
  }

  const shown = results.q === q.trim() ? results.items.slice(0, 10) : [];
  return (
    <div className="item-search">
      <label className="field">
        <span>
          {t('bill.search')} <kbd>F4</kbd>
        </span>
        <input
          ref={input}
          value={q}
          onChange={(e) => {
            setQ(e.target.value);
            setActive(-1);
            setError(null);
          }}
          onKeyDown={onKeyDown}
          placeholder={t('bill.searchPlaceholder')}
          autoComplete="off"
          spellCheck={false}
          disabled={disabled}
          role="combobox"
          aria-expanded={shown.length > 0}
          aria-controls="item-search-results"
          data-testid="item-search"
        />
      </label>
      <FormError error={error} testId="item-search-error" announce={false} />
      {shown.length > 0 && (
        <ul className="search-results" id="item-search-results" role="listbox">
          {shown.map((item, i) => (
            <li
              key={item.code}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'active' : ''}
              onMouseDown={(e) => {
                e.preventDefault(); // keep focus in the search box
                pick(item);
              }}
              data-testid="item-search-result"
              data-code={item.code}
            >
              <span className={`lv-badge lv-${item.chrgitm_lv}`}>{t(`lv.${item.chrgitm_lv}`)}</span>
              <span className="result-name">{item.name}</span>
              <UnmappedMark reason={item.unmapped} />
              <span className="muted">{item.spec}</span>
              <span className="muted mono">{item.code}</span>
              <Amount fen={item.price} size="sm" />
              <span className="muted">/{item.unit}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
