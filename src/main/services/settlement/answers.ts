/**
 * What the center's answers change in a settlement: the one table of it on the terminal side.
 *   2201        the visit id (mdtrt_id) later messages carry
 *   2207 2102   settled, with the center's split (authoritative) and its setl_id
 *   2208 2103   reversed
 * (2101, 2204, 2206 only compute at the center: their answers change nothing here.)
 */
import type { Split } from '../../../shared/domain.js';
import { splitFromSetlinfo } from '../../center/index.js';
import type { SettlementRecord } from '../../store/index.js';

type SetlinfoOut = Parameters<typeof splitFromSetlinfo>[0];

export interface SettlementEffect {
  status?: SettlementRecord['status'];
  center_split?: SettlementRecord['center_split'];
  mdtrt_id?: string;
  setl_id?: string;
}

/** What a successful answer changes in the settlement. */
export function effectOf(infno: string, output: unknown): SettlementEffect {
  // the output was decoded and validated by the center client (center/transactions): fen, every field present
  const o = (output ?? {}) as { data?: { mdtrt_id?: string }; setlinfo?: SetlinfoOut };
  switch (infno) {
    case '2201':
      return { mdtrt_id: o.data?.mdtrt_id };
    case '2207':
    case '2102': {
      const s = o.setlinfo as SetlinfoOut & { setl_id?: string; mdtrt_id?: string }; // required by Out2207/Out2102
      return {
        status: 'settled',
        center_split: splitFromSetlinfo(s),
        setl_id: String(s.setl_id ?? ''),
        ...(s.mdtrt_id ? { mdtrt_id: String(s.mdtrt_id) } : {}),
      };
    }
    case '2208':
    case '2103':
      return { status: 'reversed' };
    default:
      return {};
  }
}

/** The own personal-account balance the center reports after a settlement (setlinfo.balc), when it is one. */
export function balcAfterOf(infno: string, output: unknown): number | undefined {
  if (infno !== '2207' && infno !== '2102') return undefined;
  const balc = (output as { setlinfo?: { balc?: unknown } } | null)?.setlinfo?.balc;
  return typeof balc === 'number' && Number.isInteger(balc) && balc >= 0 ? balc : undefined;
}

/** The split fields whose amounts differ, in the split's own order. */
export function diffSplits(local: Split, center: Split): Array<keyof Split> {
  return (Object.keys(local) as Array<keyof Split>).filter((k) => (local[k] ?? 0) !== (center[k] ?? 0));
}
