/**
 * The insurance catalog (医保目录) the terminal keeps: validation, lookup by national code or barcode, search.
 *
 * Document shape: { region, name?, sample, note?, items: [CatalogItem & { py?: pinyin initials }] }.
 * `py` (e.g. "amxljn" for 阿莫西林胶囊) feeds search only; the items handed out are plain CatalogItem objects.
 */
import { z } from 'zod';
import { CatalogItem } from '../../shared/domain.js';
import { CatalogError } from './errors.js';
import type { Catalog } from './types.js';

const CatalogEntry = CatalogItem.extend({
  py: z.string().regex(/^[a-z0-9]*$/, 'py must be lowercase pinyin initials').optional(),
});

const CatalogDoc = z
  .object({
    $schema: z.string().optional(),
    region: z.string().regex(/^\d{6}$/, 'region must be a 6-digit division code'),
    name: z.string().optional(),
    sample: z.boolean(),
    note: z.string().optional(),
    items: z.array(CatalogEntry).min(1),
  })
  .strict()
  .superRefine((doc, ctx) => {
    const seen = new Map<string, number>();
    doc.items.forEach((it, i) => {
      if (it.chrgitm_lv !== '02' && it.selfpay_prop !== 0) {
        ctx.addIssue({ code: 'custom', path: ['items', i, 'selfpay_prop'], message: 'only class B (02) items have a selfpay_prop' });
      }
      for (const [key, field] of [[it.code, 'code'], [it.barcode, 'barcode']] as const) {
        if (key === undefined) continue;
        const other = seen.get(key);
        if (other !== undefined && other !== i) {
          ctx.addIssue({ code: 'custom', path: ['items', i, field], message: `${key} is already used by items.${other}` });
        }
        seen.set(key, i);
      }
    });
  });

interface Indexed {
  item: CatalogItem;
  order: number;
  code: string;
  barcode: string;
  name: string;
  py: string;
}

function codeAt(doc: unknown, path: readonly PropertyKey[]): string {
  if (path[0] !== 'items' || typeof path[1] !== 'number') return '';
  const items = (doc as { items?: unknown[] } | null)?.items;
  const it = Array.isArray(items) ? (items[path[1]] as { code?: unknown } | undefined) : undefined;
  return typeof it?.code === 'string' ? it.code : '';
}

/** Validate a catalog document; throws CatalogError naming the field (e.g. `items.4.price`). */
export function parseCatalog(doc: unknown): Catalog {
  const r = CatalogDoc.safeParse(doc);
  if (!r.success) {
    const issue = r.error.issues[0];
    const field = issue.path.map(String).join('.') || '(root)';
    throw new CatalogError(`catalog ${field}: ${issue.message}`, codeAt(doc, issue.path), field);
  }
  const index: Indexed[] = r.data.items.map(({ py, ...rest }, order) => {
    const item = Object.freeze(CatalogItem.parse(rest));
    return { item, order, code: item.code.toLowerCase(), barcode: (item.barcode ?? '').toLowerCase(), name: item.name, py: py ?? '' };
  });
  const byCode = new Map(index.map((e) => [e.item.code, e.item]));
  const byBarcode = new Map(index.filter((e) => e.item.barcode).map((e) => [e.item.barcode as string, e.item]));
  const items = Object.freeze(index.map((e) => e.item));

  return {
    items,
    byCode: (code) => byCode.get(code),
    lookup: (q) => {
      const k = q.trim();
      return byCode.get(k) ?? byBarcode.get(k) ?? byCode.get(k.toUpperCase());
    },
    search: (q, limit = 20) => {
      const k = q.trim().toLowerCase();
      if (!k) return [];
      const scored: { e: Indexed; score: number }[] = [];
      for (const e of index) {
        let score = -1;
        if (e.code === k || e.barcode === k) score = 0;
        else if (e.code.startsWith(k) || (e.barcode && e.barcode.startsWith(k))) score = 1;
        else if (e.name.startsWith(q.trim())) score = 2;
        else if (e.py.startsWith(k)) score = 3;
        else if (e.name.includes(q.trim())) score = 4;
        else if (k.length >= 2 && e.py.includes(k)) score = 5;
        if (score >= 0) scored.push({ e, score });
      }
      scored.sort((a, b) => a.score - b.score || a.e.order - b.e.order);
      return scored.slice(0, Math.max(0, limit)).map((s) => s.e.item);
    },
  };
}
