/**
 * Keyboard-wedge scanners type their code like a keyboard, much faster than a person, and end with
 * Enter. This module tells a scan from typing by the gap between keys, keeps a scan out of the
 * field that has focus, and hands the scan text to whoever listens.
 *
 * Two layers:
 * - `WedgeDetector`: pure, fed (key, timestamp); unit-tested with fake timestamps.
 * - `installKeyboardWedge(window, timing)`: a capture-phase keydown listener on the window. The first
 *   keys of a burst cannot be told from typing and land in the field; when the burst is recognized
 *   (`burstKeys` fast keys) the field is put back exactly as it was before the burst (value and
 *   selection, through the native value setter + an 'input' event so React-controlled inputs follow),
 *   and every further key of the burst is kept from the page. A burst that ends without a timely
 *   Enter (or too short) was not a scan: its characters are given back to the field.
 */

export interface WedgeTiming {
  /** keys closer together than this (ms) belong to one burst */
  maxGapMs: number;
  /** inside a recognized burst, keys (and the Enter) may be this far apart */
  burstGapMs: number;
  /** a burst is recognized at this many fast keys */
  burstKeys: number;
  /** the shortest scan, in characters before Enter */
  minLength: number;
}

export const DEFAULT_WEDGE_TIMING: WedgeTiming = { maxGapMs: 50, burstGapMs: 100, burstKeys: 3, minLength: 6 };

export interface WedgeKey {
  key: string;
  /** ms, any monotonic origin (KeyboardEvent.timeStamp) */
  time: number;
  ctrlKey?: boolean;
  altKey?: boolean;
  metaKey?: boolean;
  repeat?: boolean;
  isComposing?: boolean;
}

export interface WedgeDecision {
  /** keep the key from the page (no default action, no further listeners) */
  swallow: boolean;
  /** this key starts a new run: remember the focused field before the key lands */
  snapshot: boolean;
  /** the burst was recognized at this key: put the field back as it was when the run started */
  restore: boolean;
  /** a burst that was not a scan: give these characters back to the field before this key acts */
  release: string | null;
  /** a complete scan (this key is its Enter) */
  scan: string | null;
  /** the run this key belongs to (0: none) */
  runId: number;
}

/** Keys that do not break a run: scanners press Shift for capitals. */
const MODIFIER_KEYS = new Set(['Shift', 'Control', 'Alt', 'AltGraph', 'Meta', 'CapsLock', 'NumLock', 'Fn']);

export class WedgeDetector {
  private run = '';
  private last = Number.NEGATIVE_INFINITY;
  private burst = false;
  private runSeq = 0;
  private readonly burstRuns = new Set<number>();

  constructor(readonly timing: WedgeTiming = DEFAULT_WEDGE_TIMING) {}

  /** inside a recognized burst (keys are being kept from the page) */
  get bursting(): boolean {
    return this.burst;
  }

  /** whether the run became a burst (so its first keys were not typing) */
  wasBurst(runId: number): boolean {
    return this.burstRuns.has(runId);
  }

  keydown(k: WedgeKey): WedgeDecision {
    const d: WedgeDecision = { swallow: false, snapshot: false, restore: false, release: null, scan: null, runId: 0 };
    if (MODIFIER_KEYS.has(k.key)) {
      d.runId = this.run ? this.runSeq : 0;
      return d;
    }
    const modified = !!(k.ctrlKey || k.altKey || k.metaKey);
    const inTime = this.run.length > 0 && k.time - this.last <= this.gap();
    if (k.key === 'Enter' && !modified) {
      if (this.burst && inTime && this.run.length >= this.timing.minLength) {
        d.swallow = true;
        d.scan = this.run;
        d.runId = this.runSeq;
      } else if (this.burst) d.release = this.run;
      this.reset();
      return d;
    }
    const printable = k.key.length === 1 && !modified && !k.isComposing && !k.repeat;
    if (!printable) {
      if (this.burst) d.release = this.run;
      this.reset();
      return d;
    }
    if (inTime) {
      this.run += k.key;
      this.last = k.time;
      d.runId = this.runSeq;
      if (this.burst) d.swallow = true;
      else if (this.run.length >= this.timing.burstKeys) {
        this.burst = true;
        this.burstRuns.add(this.runSeq);
        d.swallow = true;
        d.restore = true;
      }
      return d;
    }
    if (this.burst) d.release = this.run;
    this.reset();
    this.run = k.key;
    this.last = k.time;
    this.runSeq += 1;
    this.forgetOldRuns();
    d.snapshot = true;
    d.runId = this.runSeq;
    return d;
  }

  /**
   * Time passed without keys. A run whose last key is older than the gap is over; when it was a
   * burst (no Enter came), its characters are returned to be given back to the field.
   */
  idle(now: number): string | null {
    if (!this.run || now - this.last <= this.gap()) return null;
    const released = this.burst ? this.run : null;
    this.reset();
    return released;
  }

  /** the longest gap that keeps the current run going */
  gap(): number {
    return this.burst ? this.timing.burstGapMs : this.timing.maxGapMs;
  }

  private reset(): void {
    this.run = '';
    this.last = Number.NEGATIVE_INFINITY;
    this.burst = false;
  }

  private forgetOldRuns(): void {
    for (const id of this.burstRuns) if (id < this.runSeq - 64) this.burstRuns.delete(id);
  }
}

// ------------------------------------------------------------------------------- DOM layer

type TextField = HTMLInputElement | HTMLTextAreaElement;

interface FieldSnapshot {
  el: TextField;
  value: string;
  start: number | null;
  end: number | null;
}

const TEXT_INPUT_TYPES = new Set(['text', 'search', 'tel', 'url', 'email', 'password', 'number', '']);

function textFieldOf(el: Element | null): TextField | null {
  if (!el) return null;
  if (el.tagName === 'TEXTAREA') return el as HTMLTextAreaElement;
  if (el.tagName === 'INPUT' && TEXT_INPUT_TYPES.has(((el as HTMLInputElement).getAttribute('type') ?? '').toLowerCase())) return el as HTMLInputElement;
  return null;
}

function selectionOf(el: TextField): { start: number | null; end: number | null } {
  try {
    return { start: el.selectionStart, end: el.selectionEnd };
  } catch {
    return { start: null, end: null }; // type=number has no selection
  }
}

/**
 * Set a field's value the way typing would: through the prototype's value setter (React tracks the
 * instance setter and would otherwise not see a change) and an 'input' event React listens to.
 */
export function setFieldValue(el: TextField, value: string, start: number | null, end: number | null): void {
  const proto = el.tagName === 'TEXTAREA' ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
  const setter = Object.getOwnPropertyDescriptor(proto, 'value')?.set;
  if (el.value !== value) {
    if (setter) setter.call(el, value);
    else el.value = value;
    el.dispatchEvent(new Event('input', { bubbles: true }));
  }
  if (start !== null && end !== null) {
    try {
      el.setSelectionRange(start, end);
    } catch {
      // fields without a selection
    }
  }
}

export type ScanListener = (text: string) => void;

export interface KeyboardWedge {
  /** the decision for this keydown (computed once per event, whichever listener sees it first) */
  handle(e: KeyboardEvent): WedgeDecision;
  /**
   * Run `fn` (the action of a plain key such as a digit) unless the key turns out to be part of a
   * scan; it runs once the run can no longer become a burst, or at once when the key is kept anyway.
   */
  runUnlessScan(e: KeyboardEvent, fn: () => void): void;
  uninstall(): void;
}

let current: KeyboardWedge | null = null;
const listeners = new Set<ScanListener>();

/** Receive scans (the Workspace while unlocked); with nobody listening a scan is dropped, still kept out of fields. */
export function subscribeWedgeScans(listener: ScanListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The installed wedge, or null. */
export function currentWedge(): KeyboardWedge | null {
  return current;
}

/** `runUnlessScan` of the installed wedge; without one the action runs at once. */
export function runUnlessScan(e: KeyboardEvent, fn: () => void): void {
  if (current) current.runUnlessScan(e, fn);
  else fn();
}

export function installKeyboardWedge(win: Window, timing: WedgeTiming = DEFAULT_WEDGE_TIMING, onScan?: ScanListener): KeyboardWedge {
  current?.uninstall();
  const detector = new WedgeDetector(timing);
  const seen = new WeakMap<Event, WedgeDecision>();
  let snapshot: FieldSnapshot | null = null;
  let idleTimer: ReturnType<typeof setTimeout> | null = null;
  const doc = win.document;

  const emit = (text: string) => {
    if (onScan) onScan(text);
    for (const l of [...listeners]) {
      try {
        l(text);
      } catch {
        // one broken listener must not stop the others
      }
    }
  };

  const giveBack = (text: string) => {
    const s = snapshot;
    if (!s || !s.el.isConnected) return;
    const el = s.el;
    const { start, end } = selectionOf(el);
    const v = el.value;
    const a = start ?? v.length;
    const b = end ?? v.length;
    setFieldValue(el, v.slice(0, a) + text + v.slice(b), a + text.length, a + text.length);
  };

  const armIdle = () => {
    if (idleTimer) clearTimeout(idleTimer);
    idleTimer = setTimeout(() => {
      idleTimer = null;
      const released = detector.idle(win.performance.now());
      if (released) giveBack(released);
    }, detector.gap() + 5);
  };

  const handle = (e: KeyboardEvent): WedgeDecision => {
    const known = seen.get(e);
    if (known) return known;
    const d = detector.keydown({ key: e.key, time: e.timeStamp, ctrlKey: e.ctrlKey, altKey: e.altKey, metaKey: e.metaKey, repeat: e.repeat, isComposing: e.isComposing });
    seen.set(e, d);
    if (d.release) giveBack(d.release);
    if (d.snapshot) {
      const el = textFieldOf(doc.activeElement);
      snapshot = el ? { el, value: el.value, ...selectionOf(el) } : null;
    }
    if (d.restore && snapshot && snapshot.el.isConnected) setFieldValue(snapshot.el, snapshot.value, snapshot.start, snapshot.end);
    if (d.swallow) {
      e.preventDefault();
      e.stopImmediatePropagation();
    }
    if (d.scan !== null) {
      snapshot = null;
      const text = d.scan;
      // after this event: a listener that opens a dialog must not receive the Enter
      setTimeout(() => emit(text), 0);
    }
    if (detector.bursting || d.snapshot || d.runId) armIdle();
    return d;
  };

  const onKeyDown = (e: KeyboardEvent) => void handle(e);
  win.addEventListener('keydown', onKeyDown, true);

  const wedge: KeyboardWedge = {
    handle,
    runUnlessScan(e, fn) {
      const d = handle(e);
      if (d.swallow) return;
      if (d.runId === 0) return fn();
      const runId = d.runId;
      // the run becomes a burst, if at all, within (burstKeys - 1) gaps of its first key
      setTimeout(() => {
        if (!detector.wasBurst(runId)) fn();
      }, timing.maxGapMs * timing.burstKeys + 10);
    },
    uninstall() {
      win.removeEventListener('keydown', onKeyDown, true);
      if (idleTimer) clearTimeout(idleTimer);
      if (current === wedge) current = null;
    },
  };
  current = wedge;
  return wedge;
}
