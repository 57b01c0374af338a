/**
 * Focus by refs: each part of the cashier screen that a key jumps to (F3 ID number, F4 item entry,
 * F7 co-pay question, the amount received) exposes a FocusHandle, and the screen keeps one ref per target.
 */
import { useMemo, useRef, type RefObject } from 'react';

export interface FocusHandle {
  focus(): void;
}

/** Focus a field unless it is disabled; a text field's content is selected so typing replaces it. */
export function focusField(el: HTMLInputElement | HTMLButtonElement | null): boolean {
  if (!el || el.disabled) return false;
  el.focus();
  if (el instanceof HTMLInputElement && el.type !== 'file') el.select();
  return true;
}

export type FocusTarget = 'certno' | 'billEntry' | 'mulaid' | 'tender';

export interface FocusTargets {
  refs: Record<FocusTarget, RefObject<FocusHandle | null>>;
  /** focus after this render: an overlay closed in the same step must be gone first */
  focusSoon(target: FocusTarget): void;
}

export function useFocusTargets(): FocusTargets {
  const certno = useRef<FocusHandle>(null);
  const billEntry = useRef<FocusHandle>(null);
  const mulaid = useRef<FocusHandle>(null);
  const tender = useRef<FocusHandle>(null);
  return useMemo(() => {
    const refs = { certno, billEntry, mulaid, tender };
    return { refs, focusSoon: (target) => void setTimeout(() => refs[target].current?.focus(), 0) };
  }, []);
}
