/** A terminal store in a fresh temp directory for each test of the file (made before, closed and removed after). */
import path from 'node:path';
import { afterEach, beforeEach } from 'vitest';
import { createStore, type Store } from '../../src/main/store/index.js';
import { tempDir } from './tmp.js';

export function useTempStore(stamp14: () => string = () => '20261126101500'): { readonly store: Store; readonly file: string; readonly dir: string } {
  let t: ReturnType<typeof tempDir> | null = null;
  let store: Store | null = null;
  let file = '';
  beforeEach(() => {
    t = tempDir();
    file = path.join(t.dir, 'terminal.db');
    store = createStore(file, { fixmedinsCode: 'P53060200001', stamp14 });
  });
  afterEach(() => {
    store?.close();
    t?.cleanup();
    store = null;
    t = null;
  });
  return {
    get store() {
      if (!store) throw new Error('the temp store exists inside a test only');
      return store;
    },
    get file() {
      return file;
    },
    get dir() {
      return t?.dir ?? '';
    },
  };
}
