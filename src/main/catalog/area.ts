/**
 * The catalog area put together: the live catalog the counter prices and searches with, the service
 * (import, versions, national download, mappings) and its calls. `init` gives a terminal without a
 * catalog its first version and, when it holds no national catalog, asks the center for it.
 */
import type { CatalogProgress, CatalogStatus } from '../../shared/api-catalog.js';
import type { CenterGateway } from '../center/index.js';
import type { Clock } from '../clock.js';
import type { Store } from '../store/index.js';
import type { CatalogConfig } from './config.js';
import { createCatalogHandlers } from './handlers.js';
import { createLiveCatalog } from './live.js';
import { createCatalogService } from './service.js';

export interface CatalogAreaDeps {
  config: CatalogConfig;
  dataDir: string;
  store: Store;
  center: Pick<CenterGateway, 'call'>;
  clock: Clock;
  terminal: { fixmedins_code: string; mdtrtarea_admvs: string };
  actor(): string;
  progress?(p: CatalogProgress): void;
  changed?(s: CatalogStatus): void;
  log?(line: string): void;
}

export function createCatalogArea(d: CatalogAreaDeps) {
  const live = createLiveCatalog({ store: d.store, clock: d.clock });
  const service = createCatalogService({ store: d.store, center: d.center, clock: d.clock, live, config: d.config, terminal: d.terminal, progress: d.progress, changed: d.changed, log: d.log });
  return {
    live,
    service,
    handlers: createCatalogHandlers({ service, dataDir: d.dataDir, actor: d.actor }),
    async init(): Promise<void> {
      await service.seedIfEmpty();
      await service.nationalIfEmpty();
    },
  };
}
export type CatalogArea = ReturnType<typeof createCatalogArea>;
