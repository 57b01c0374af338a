/**
 * The end-of-day test switch ("drift"): the center loses one settlement, or alters one amount of
 * one, in what 3201/3202 report, so a mismatch can be tested end to end. It lives in the
 * simulator's SQLite file (store/reconcile.ts); transactions/3201-3202-reconcile.ts applies it.
 */
import { RECON_AMOUNT_FIELDS } from '../shared/api-reconcile.js';
import type { SimStore } from './store/index.js';

/** the amounts end of day compares; the one the drift switch may alter */
export const DRIFT_FIELDS = RECON_AMOUNT_FIELDS;
export type DriftField = (typeof DRIFT_FIELDS)[number];

export interface ReconcileDrift {
  /** setl_id of the settlement the center "loses" (absent from 3201/3202), or null */
  lose_setl_id: string | null;
  /** one settlement whose amount the center reports altered, or null */
  alter: { setl_id: string; field: DriftField; delta: number } | null;
}

export interface DriftRequest {
  /** 'latest' = the most recent settlement; a setl_id; null = clear */
  lose?: string | null;
  alter?: { setl_id?: string; field: DriftField; delta: number } | null;
}

export function readDrift(store: SimStore): ReconcileDrift {
  const r = store.reconcile.drift();
  if (!r) return { lose_setl_id: null, alter: null };
  return {
    lose_setl_id: r.lose_setl_id,
    // only setDrift writes the row, with a field it checked against DRIFT_FIELDS
    alter: r.alter_setl_id && r.alter_field ? { setl_id: r.alter_setl_id, field: r.alter_field as DriftField, delta: r.alter_delta ?? 0 } : null,
  };
}

function latestSetlId(store: SimStore, excluding: string | null): string {
  const id = store.settlements.latestSettledId(excluding);
  if (id === null) throw new Error('the simulator has no settlement to drift');
  return id;
}

/** Set (or with nulls clear) the drift; 'latest' resolves to the newest settled record now. */
export function setDrift(store: SimStore, req: DriftRequest): ReconcileDrift {
  const current = readDrift(store);
  let lose = current.lose_setl_id;
  if (req.lose !== undefined) lose = req.lose === 'latest' ? latestSetlId(store, null) : req.lose;
  let alter = current.alter;
  if (req.alter !== undefined) {
    if (req.alter === null) alter = null;
    else {
      if (!(DRIFT_FIELDS as readonly string[]).includes(req.alter.field)) throw new Error(`unknown drift field ${req.alter.field}`);
      if (!Number.isSafeInteger(req.alter.delta) || req.alter.delta === 0) throw new Error('drift delta must be a non-zero integer (fen)');
      const id = !req.alter.setl_id || req.alter.setl_id === 'latest' ? latestSetlId(store, lose) : req.alter.setl_id;
      alter = { setl_id: id, field: req.alter.field, delta: req.alter.delta };
    }
  }
  store.reconcile.putDrift({ lose_setl_id: lose, alter_setl_id: alter?.setl_id ?? null, alter_field: alter?.field ?? null, alter_delta: alter?.delta ?? null });
  return readDrift(store);
}
