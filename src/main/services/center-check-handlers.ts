/**
 * Calls of the center-connection area (src/shared/api-center.ts): the way to the center as configured,
 * with the certificates to renew in time, and the connection check the administrator runs from the
 * screen — the same steps as `pos check-center`, each sent to the screen as it ends. One check at a
 * time; each run is audited with its outcome.
 */
import type { centerCalls, CenterLinkInfo } from '../../shared/api-center.js';
import type { AppConfig } from '../config.js';
import type { CenterTransport, Operator } from '../center/index.js';
import { runCenterCheck } from '../center/check/index.js';
import { AppError } from '../errors.js';
import type { EventBus } from '../event-bus.js';
import type { AreaHandlers } from '../router.js';
import type { Store } from '../store/index.js';

export interface CenterCheckDeps {
  config: Pick<AppConfig, 'center' | 'terminal'>;
  /** the URL the terminal uses (the in-process simulator's when embedded) */
  url: string;
  embedded: boolean;
  transport: CenterTransport;
  store: Pick<Store, 'msgids' | 'audit'>;
  /** who is at the window: the check signs in as them */
  operator(): Operator | null;
  bus: Pick<EventBus, 'emit'>;
}

export function createCenterCheckHandlers(d: CenterCheckDeps): AreaHandlers<typeof centerCalls> {
  let running = false;

  const info = (): CenterLinkInfo => ({
    url: d.url,
    embedded: d.embedded,
    schemes: d.transport.schemes,
    proxy: d.transport.proxy ? `${d.transport.proxy.host}:${d.transport.proxy.port}` : null,
    expiryWarningDays: d.transport.warnDays,
    certificates: d.transport.certificates(),
  });

  return {
    'center.info': () => info(),
    'center.check': async (i) => {
      if (running) throw new AppError('CONFLICT', '连接检查正在进行 / a connection check is already running');
      const op = d.operator() ?? { no: 'SYSTEM', name: '终端后台' };
      const { terminal, center } = d.config;
      running = true;
      try {
        const report = await runCenterCheck(
          {
            url: d.url,
            transport: d.transport,
            client: {
              fixmedins_code: terminal.fixmedins_code,
              fixmedins_name: terminal.fixmedins_name,
              mdtrtarea_admvs: terminal.mdtrtarea_admvs,
              dev_no: terminal.id,
              opter: op.no,
              opter_name: op.name,
              opter_type: center.opter_type,
              timeoutMs: center.timeoutMs,
            },
            nextMsgid: () => d.store.msgids.next(),
            testPerson: i.person ? { mdtrt_cert_type: '02', mdtrt_cert_no: i.person } : center.check.testPerson,
          },
          (s) => d.bus.emit('center.checkStep', s),
        );
        const failed = report.steps.filter((s) => s.status === 'failed').map((s) => s.id);
        d.store.audit.append({ actor: op.no, action: 'center.check', subject: d.url, detail: { ok: report.ok, failed, schemes: report.schemes } });
        return report;
      } finally {
        running = false;
      }
    },
  };
}
