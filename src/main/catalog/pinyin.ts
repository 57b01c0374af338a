/**
 * Search keys of an item name: the pinyin initials ("amxljn" for 阿莫西林胶囊) and the full pinyin
 * ("amoxilinjiaonang"), made with pinyin-pro (a maintained library: polyphonic characters read in
 * context, e.g. 重庆 chong-qing) when an item is imported, and stored with it, so neither the start-up
 * nor a search loads the library. Letters and digits in a name are kept (维生素C片 → wsscp); ü is
 * written v, as cashiers type it.
 */
type PinyinFn = (text: string, opts: Record<string, unknown>) => string[];
let loaded: Promise<PinyinFn> | null = null;

/** pinyin-pro, loaded on first use (about 50 ms) */
export function loadPinyin(): Promise<PinyinFn> {
  loaded ??= import('pinyin-pro').then((m) => m.pinyin as unknown as PinyinFn);
  return loaded;
}

const clean = (s: string) => s.toLowerCase().replace(/ü/g, 'v').replace(/[^a-z0-9]/g, '');

export interface SearchKeys {
  py_initials: string;
  py_full: string;
}

/** The keys of one name, with the library already loaded. */
export function searchKeysWith(pinyin: PinyinFn, name: string): SearchKeys {
  const full = pinyin(name, { toneType: 'none', type: 'array', nonZh: 'consecutive', v: true });
  const first = pinyin(name, { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'consecutive', v: true });
  return { py_initials: clean(first.join('')), py_full: clean(full.join('')) };
}
