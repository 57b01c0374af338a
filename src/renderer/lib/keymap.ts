/**
 * The keyboard map of the cashier screen: which function key does what. Pure, so the legend on screen
 * and the handler cannot drift apart and a test can check both.
 */
import type { AuthorizerView } from '../../shared/domain.js';

export type KeyAction =
  | 'help'
  | 'newPatient'
  | 'focusCertno'
  | 'focusSearch'
  | 'toggleMode'
  | 'openList'
  | 'focusMulaid'
  | 'reverse'
  | 'confirm'
  | 'lock'
  | 'devPanel'
  | 'conflicts'
  | 'escape'
  | 'endOfDay'
  | 'resumeParked'
  | 'reprint'
  | 'windowsOverview';

export interface KeyBinding {
  key: 'F1' | 'F2' | 'F3' | 'F4' | 'F5' | 'F6' | 'F7' | 'F8' | 'F9' | 'F10' | 'F12' | 'Escape';
  action: KeyAction;
  /** shown only when the developer panel exists */
  devOnly?: boolean;
}

export const KEY_BINDINGS: readonly KeyBinding[] = [
  { key: 'F1', action: 'help' },
  { key: 'F2', action: 'newPatient' },
  { key: 'F3', action: 'focusCertno' },
  { key: 'F4', action: 'focusSearch' },
  { key: 'F5', action: 'toggleMode' },
  { key: 'F6', action: 'openList' },
  { key: 'F7', action: 'focusMulaid' },
  { key: 'F8', action: 'reverse' },
  { key: 'F9', action: 'confirm' },
  { key: 'F10', action: 'lock' },
  { key: 'F12', action: 'devPanel', devOnly: true },
  { key: 'Escape', action: 'escape' },
];

export interface KeyLike {
  key: string;
  altKey?: boolean;
  ctrlKey?: boolean;
  metaKey?: boolean;
}

/** The action for a key press, or null. Modified function keys (Ctrl+F5 …) are left to the shell. */
export function actionForKey(ev: KeyLike): KeyAction | null {
  if (ev.altKey || ev.ctrlKey || ev.metaKey) return null;
  const b = KEY_BINDINGS.find((k) => k.key === ev.key);
  return b ? b.action : null;
}

export interface ChordBinding {
  key: string;
  ctrl: true;
  action: KeyAction;
  label: string;
  /** false: in F1 help only (its button shows it where it acts) */
  legend?: false;
  /**
   * 'institution': a supervisor's where institution.finance is configured, listed only there; App's
   * own shortcut acts on it over any screen, so the counter's dispatch leaves the key alone
   */
  scope?: 'institution';
}

/** Key chords (modifier + key). Ctrl+K opens the conflicts view (settlements the center disagrees with). */
export const CHORD_BINDINGS: readonly ChordBinding[] = [
  { key: 'k', ctrl: true, action: 'conflicts', label: 'Ctrl+K' },
  // 日结 (end of day): the reconciliation screen
  { key: 'e', ctrl: true, action: 'endOfDay', label: 'Ctrl+E' },
  // 挂单 (a parked bill): the last one parked comes back, the one on screen is parked in its place
  { key: 'd', ctrl: true, action: 'resumeParked', label: 'Ctrl+D' },
  // 补打: the slip of the settlement on screen (or the one chosen in today's list) again
  { key: 'p', ctrl: true, action: 'reprint', label: 'Ctrl+P', legend: false },
  // 窗口一览: every window of the institution (WindowsOverviewShortcut)
  { key: 'g', ctrl: true, action: 'windowsOverview', label: 'Ctrl+G', legend: false, scope: 'institution' },
];

const chordMatches = (b: ChordBinding, ev: KeyLike) => !!ev.ctrlKey && !ev.altKey && !ev.metaKey && b.key === ev.key.toLowerCase();

/** The counter's action for a Ctrl chord, or null (an institution chord is App's, not the counter's). */
export function chordActionForKey(ev: KeyLike): KeyAction | null {
  const b = CHORD_BINDINGS.find((c) => !c.scope && chordMatches(c, ev));
  return b ? b.action : null;
}

/** Whether the key press is the chord of `action` (for a shortcut mounted outside the counter). */
export function isChordOf(action: KeyAction, ev: KeyLike): boolean {
  return CHORD_BINDINGS.some((c) => c.action === action && chordMatches(c, ev));
}

/** The chords the F1 help lists: the institution's only where it applies (a supervisor with institution.finance). */
export function helpChords(institution: boolean): ChordBinding[] {
  return CHORD_BINDINGS.filter((c) => !c.scope || institution);
}

/** The bindings to list on screen. */
export function legendBindings(devAvailable: boolean): KeyBinding[] {
  return KEY_BINDINGS.filter((b) => devAvailable || !b.devOnly);
}

export type DigitChoice = { kind: 'none' } | { kind: 'choose'; psn_no: string } | { kind: 'unusable'; psn_no: string };

/** Number keys on the co-pay question: 1..9 choose the n-th authorizer, 0 chooses none. */
export function digitChoice(key: string, authorizers: readonly Pick<AuthorizerView, 'psn_no' | 'usable'>[]): DigitChoice | null {
  if (!/^[0-9]$/.test(key)) return null;
  if (key === '0') return { kind: 'none' };
  const a = authorizers[Number(key) - 1];
  if (!a) return null;
  return a.usable ? { kind: 'choose', psn_no: a.psn_no } : { kind: 'unusable', psn_no: a.psn_no };
}

/** Whether the focus is in a text field, where digits and letters belong to the field. */
export function isTypingTarget(el: { tagName?: string; type?: string; isContentEditable?: boolean } | null): boolean {
  if (!el || !el.tagName) return false;
  const tag = el.tagName.toUpperCase();
  if (tag === 'TEXTAREA' || tag === 'SELECT' || el.isContentEditable) return true;
  if (tag !== 'INPUT') return false;
  const type = (el.type ?? 'text').toLowerCase();
  return !['checkbox', 'radio', 'button', 'submit', 'reset', 'file'].includes(type);
}
