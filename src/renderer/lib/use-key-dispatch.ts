/**
 * The cashier screen's keyboard while it is unlocked: function keys and Ctrl chords become KeyActions
 * (keymap.ts), number keys answer the co-pay question, and the status bar's key legend dispatches
 * through the same `actionRef`, so a click on the legend and the key do one thing.
 */
import { useEffect, useRef, type MutableRefObject } from 'react';
import type { AuthorizerView } from '../../shared/domain.js';
import { actionForKey, chordActionForKey, digitChoice, isTypingTarget, type DigitChoice, type KeyAction } from './keymap.js';
import { runUnlessScan } from './wedge.js';

export interface KeyDispatch {
  active: boolean;
  actionRef: MutableRefObject<((a: KeyAction) => void) | null>;
  onAction(a: KeyAction): void;
  /** while number keys answer the co-pay question: its authorizers (in the order shown) */
  digits: { authorizers: readonly Pick<AuthorizerView, 'psn_no' | 'usable'>[]; onChoice(c: DigitChoice): void } | null;
}

export function useKeyDispatch(opts: KeyDispatch): void {
  const latest = useRef(opts);
  latest.current = opts;

  useEffect(() => {
    if (!opts.active) return;
    const actionRef = latest.current.actionRef;
    actionRef.current = (a) => latest.current.onAction(a);
    function onKeyDown(e: KeyboardEvent) {
      const action = actionForKey(e) ?? chordActionForKey(e);
      if (action) {
        e.preventDefault();
        e.stopPropagation();
        if (!e.repeat || action === 'escape') latest.current.onAction(action);
        return;
      }
      // number keys answer the co-pay question when not typing in a field
      const digits = latest.current.digits;
      if (!digits || isTypingTarget(document.activeElement as HTMLInputElement | null)) return;
      const choice = digitChoice(e.key, digits.authorizers);
      if (!choice) return;
      e.preventDefault();
      // a digit may be the start of a keyboard-wedge scan: act once it is known not to be
      runUnlessScan(e, () => digits.onChoice(choice));
    }
    window.addEventListener('keydown', onKeyDown, true);
    return () => {
      window.removeEventListener('keydown', onKeyDown, true);
      actionRef.current = null;
    };
  }, [opts.active]);
}
