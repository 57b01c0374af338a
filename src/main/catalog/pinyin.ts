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

/**
 * The keys of one name, with the library already loaded: one call of the library per name (the
 * initials are the first letters of the syllables it gives; a run of letters or digits in the name
 * comes back as it is and is kept whole).
 */
export function searchKeysWith(pinyin: PinyinFn, name: string): SearchKeys {
  const parts = pinyin(name, { toneType: 'none', type: 'array', nonZh: 'consecutive', v: true });
  let initials = '';
  let pos = 0;
  for (const p of parts) {
    if (name.startsWith(p, pos)) {
      // not Chinese: the text itself
      initials += p;
      pos += p.length;
    } else {
      initials += p.charAt(0);
      pos += name.codePointAt(pos)! > 0xffff ? 2 : 1;
    }
  }
  return { py_initials: clean(initials), py_full: clean(parts.join('')) };
}
