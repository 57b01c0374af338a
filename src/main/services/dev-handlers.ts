/** The developer panel's calls (embedded default only: the router refuses them otherwise). */
import type { CenterSim } from '../../center-sim/index.js';
import type { DeviceManager } from '../../devices/manager.js';
import { AppError } from '../errors.js';
import type { Handlers } from '../router.js';

type DevCalls = 'dev.people' | 'dev.presentCard' | 'dev.presentQr' | 'dev.getFaults' | 'dev.setFaults' | 'dev.authorizerBalance';

export function createDevHandlers(d: { sim: CenterSim | null; devices: DeviceManager; kickSync(): void }): Pick<Handlers, DevCalls> {
  const requireSim = (): CenterSim => {
    if (!d.sim) throw new AppError('DEV_ONLY', 'developer calls exist only in the embedded default');
    return d.sim;
  };
  const virtual = () => {
    if (!d.devices.virtual) throw new AppError('DEV_ONLY', 'virtual devices are off');
    return d.devices.virtual;
  };
  return {
    'dev.people': () =>
      requireSim()
        .people()
        .map((p) => ({ psn_no: p.psn_no, label: p.label, certno: p.certno, hasCard: p.card !== null, hasQr: p.qr !== null })),
    'dev.presentCard': (i) => {
      const p = requireSim().people().find((x) => x.psn_no === i.psn_no);
      if (!p?.card) throw new AppError('NOT_FOUND', 'no card for that person', 'psn_no');
      virtual().card.present(p.card.basicInfo);
      return { ok: true as const };
    },
    'dev.presentQr': (i) => {
      const p = requireSim().people().find((x) => x.psn_no === i.psn_no);
      if (!p?.qr) throw new AppError('NOT_FOUND', 'no e-voucher for that person', 'psn_no');
      virtual().qr.present(p.qr);
      return { ok: true as const };
    },
    'dev.getFaults': () => requireSim().getFaults(),
    'dev.setFaults': (i) => {
      const f = requireSim().setFaults(i);
      if (i.down === false) d.kickSync();
      return f;
    },
    'dev.authorizerBalance': (i) => ({ balc: requireSim().balance(i.psn_no) }),
  };
}
