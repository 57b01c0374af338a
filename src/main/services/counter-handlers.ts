/** The cashier's own calls: session, identification, catalog, the HIS bill file, settlements, the counter's settings. */
import type { Handlers } from '../router.js';
import { AppError } from '../errors.js';
import type { Clock } from '../clock.js';
import type { Catalog } from '../settle/index.js';
import type { CounterConfig } from './counter-config.js';
import { parseHisBill } from './his-bill.js';
import type { IdentifyService } from './identify.js';
import type { SessionService } from './session.js';
import type { SettlementLife } from './settlement/life.js';

type CounterCalls =
  | 'session.get' | 'session.login' | 'session.logout' | 'session.lock' | 'session.unlock' | 'session.touch'
  | 'person.identify' | 'catalog.search' | 'catalog.lookup' | 'bill.parseHis'
  | 'settle.preview' | 'settle.confirm' | 'settle.list' | 'settle.get' | 'settle.reverse' | 'counter.settings';

export interface CounterDeps {
  session: SessionService;
  identify: IdentifyService;
  catalog: Catalog;
  life: SettlementLife;
  counter: CounterConfig & { timeZone: string; clock: Pick<Clock, 'today'> };
  /** refuses (throws) a confirm that cannot be written now: the disk nearly full */
  beforeConfirm?(): void;
  /** a supervisor's approval for the action, or the exception that spares it (throws APPROVAL_REQUIRED) */
  authorize?(action: 'settlement.reverse', subject: string, token: string | undefined): { approvedBy: string | null; exception: string | null };
}

export function createCounterHandlers(d: CounterDeps): Pick<Handlers, CounterCalls> {
  return {
    'session.get': () => d.session.state(),
    'session.login': (i) => d.session.login(i.cashierNo, i.pin),
    'session.logout': () => d.session.logout(),
    'session.lock': () => d.session.lock(),
    'session.unlock': (i) => d.session.unlock(i.pin),
    'session.touch': () => d.session.touch(),
    'person.identify': (i) => d.identify.identify(i),
    'catalog.search': (i) => d.catalog.search(i.q, 20),
    'catalog.lookup': (i) => {
      const item = d.catalog.lookup(i.code);
      if (!item) throw AppError.keyed('NOT_FOUND', 'scan.unknownBarcode', { code: i.code }, { field: 'code', message: `no catalog item with code or barcode ${i.code}` });
      return item;
    },
    'bill.parseHis': (i) => parseHisBill(i.content),
    'settle.preview': (i) => d.life.preview(i),
    'settle.confirm': (i) => {
      d.beforeConfirm?.();
      return d.life.confirm(i);
    },
    'settle.list': (i) => d.life.list(i.date),
    'settle.get': (i) => d.life.get(i.id),
    'counter.settings': () => ({
      timeZone: d.counter.timeZone,
      today: d.counter.clock.today(),
      plausibleQty: d.counter.plausibleQty,
      plausibleBillFen: d.counter.plausibleBillFen,
    }),
    'settle.reverse': (i) => {
      d.life.get(i.id); // NOT_FOUND before an approval is spent on nothing
      const a = d.authorize?.('settlement.reverse', i.id, i.approval) ?? { approvedBy: null, exception: null };
      return d.life.reverse(i.id, i.reason, a);
    },
  };
}
