/**
 * What each key action does on the working screen, the same for the key and its legend button:
 * overlays open and close, the focus moves, the draft starts over or is confirmed. While the screen
 * asks a question of its own (another patient identified, an unusual quantity) only its answers act:
 * Esc, and F9 for "settle anyway".
 */
import { useState, type RefObject } from 'react';
import type { ListCommands } from '../components/SettlementList.js';
import type { SlipCommands } from '../components/receipts/SlipStatus.js';
import { useErrors } from '../lib/errors.js';
import type { FocusTargets } from '../lib/focus.js';
import type { KeyAction } from '../lib/keymap.js';
import type { SettlementDraft } from '../lib/use-settlement-draft.js';

export type Overlay = 'help' | 'list' | 'conflicts' | 'eod' | 'dev';
export type Overlays = Readonly<Record<Overlay, boolean>>;

const NONE_OPEN: Overlays = { help: false, list: false, conflicts: false, eod: false, dev: false };
/** help and today's list give way to whatever the cashier turns to next */
const withoutMenus = (o: Overlays): Overlays => ({ ...o, help: false, list: false });

/** What F9 does inside the end-of-day screen: start the reconciliation. */
export interface EodCommands {
  run(): void;
}

interface Deps {
  draft: SettlementDraft;
  focus: FocusTargets;
  listCommands: RefObject<ListCommands | null>;
  eodCommands: RefObject<EodCommands | null>;
  /** the result panel's slip: Ctrl+P reprints it, Esc closes its paper */
  slipCommands: RefObject<SlipCommands | null>;
  devAvailable: boolean;
  onLock(): void;
}

export function useWorkspaceActions({ draft, focus, listCommands, eodCommands, slipCommands, devAvailable, onLock }: Deps) {
  const errors = useErrors();
  const [open, setOpen] = useState<Overlays>(NONE_OPEN);
  const close = (name: Overlay) => setOpen((o) => ({ ...o, [name]: false }));
  const toggle = (name: Overlay, others: (o: Overlays) => Overlays = (o) => o) => setOpen((o) => ({ ...others(o), [name]: !o[name] }));

  function escape() {
    if (open.eod) close('eod');
    else if (open.conflicts) close('conflicts');
    else if (open.help) close('help');
    else if (open.list) {
      if (!listCommands.current?.escape()) close('list');
    } else if (slipCommands.current?.escape()) return;
    else if (errors.showing) errors.clear();
    else if (draft.readOnly) dispatch('newPatient');
  }

  /** the screen's own question is open: true when the key was its answer (or had to wait for one) */
  function answered(action: KeyAction): boolean {
    const { incoming, unusualAsk } = draft.state;
    if (incoming) {
      if (action === 'escape') draft.chooseIncoming('ignore');
      return true;
    }
    if (unusualAsk) {
      if (action === 'escape') draft.cancelUnusual();
      else if (action === 'confirm') void draft.confirm(true);
      return action !== 'help';
    }
    return false;
  }

  function dispatch(action: KeyAction): void {
    if (answered(action)) return;
    switch (action) {
      case 'help':
        return toggle('help');
      case 'newPatient':
        setOpen(withoutMenus);
        draft.startOver();
        return focus.focusSoon('certno');
      case 'focusCertno':
        setOpen(withoutMenus);
        return focus.focusSoon('certno');
      case 'focusSearch':
        setOpen(withoutMenus);
        return focus.focusSoon('billEntry');
      case 'focusMulaid':
        setOpen(withoutMenus);
        return focus.focusSoon('mulaid');
      case 'toggleMode':
        return draft.switchKind(draft.state.kind === 'pharmacy' ? 'outpatient' : 'pharmacy');
      case 'openList':
        return toggle('list', (o) => ({ ...o, help: false }));
      case 'reverse':
        if (open.list) listCommands.current?.reverse();
        else setOpen((o) => ({ ...o, list: true }));
        return;
      case 'confirm':
        if (open.eod) eodCommands.current?.run();
        else if (!open.list && !open.help && !open.conflicts) void draft.confirm();
        return;
      case 'resumeParked': {
        const last = draft.state.parked[draft.state.parked.length - 1];
        if (!last) return errors.reportKey('parked.none');
        setOpen(withoutMenus);
        draft.resumeParked(last.id);
        return focus.focusSoon('billEntry');
      }
      case 'lock':
        return onLock();
      case 'devPanel':
        if (devAvailable) toggle('dev');
        return;
      case 'endOfDay':
        return toggle('eod', withoutMenus);
      case 'conflicts':
        return toggle('conflicts', withoutMenus);
      case 'reprint':
        if (open.list) listCommands.current?.reprint?.();
        else if (draft.readOnly) slipCommands.current?.reprint();
        return;
      case 'escape':
        return escape();
    }
  }

  return { open, close, dispatch };
}
