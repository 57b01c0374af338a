/** The keyboard-wedge timing classifier, with fake timestamps. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WedgeDetector, type WedgeDecision, type WedgeKey } from '../../../src/renderer/lib/wedge.js';

const timing = { maxGapMs: 40, burstGapMs: 100, burstKeys: 3, minLength: 6 };

/** type `text` (then Enter when `enter`) starting at t0 with the given gap between keys */
function typeText(det: WedgeDetector, text: string, gap: number, t0 = 1000, enter = true, enterGap = gap): { decisions: WedgeDecision[]; end: number } {
  const decisions: WedgeDecision[] = [];
  let t = t0;
  for (const ch of text) {
    decisions.push(det.keydown({ key: ch, time: t }));
    t += gap;
  }
  if (enter) {
    t += enterGap - gap;
    decisions.push(det.keydown({ key: 'Enter', time: t }));
  }
  return { decisions, end: t };
}

const QR = 'YBEC' + 'a1b2c3d4e5f6'.repeat(3) + '77889900';

describe('WedgeDetector: scans', () => {
  it('a fast burst ended by Enter is a scan: the first keys land, the burst key restores the field, the rest and Enter are kept', () => {
    const det = new WedgeDetector(timing);
    const { decisions } = typeText(det, '6901234000375', 5);
    expect(decisions[0]).toMatchObject({ swallow: false, snapshot: true, restore: false });
    expect(decisions[1]).toMatchObject({ swallow: false, snapshot: false, restore: false });
    expect(decisions[2]).toMatchObject({ swallow: true, restore: true });
    for (const d of decisions.slice(3, 13)) expect(d).toMatchObject({ swallow: true, restore: false, scan: null, release: null });
    expect(decisions[13]).toMatchObject({ swallow: true, scan: '6901234000375' });
    expect(det.bursting).toBe(false);
  });

  it('an e-voucher text with capitals: Shift between the characters does not break the burst', () => {
    const det = new WedgeDetector(timing);
    let t = 0;
    const out: WedgeDecision[] = [];
    for (const ch of QR) {
      if (/[A-Z]/.test(ch)) out.push(det.keydown({ key: 'Shift', time: (t += 2) }));
      out.push(det.keydown({ key: ch, time: (t += 6) }));
    }
    out.push(det.keydown({ key: 'Enter', time: (t += 6) }));
    expect(out.at(-1)!.scan).toBe(QR);
    expect(out.filter((d) => d.release !== null)).toEqual([]);
  });

  it('once recognized, a burst survives a hiccup up to burstGapMs (a pausing scanner, a busy machine), not beyond', () => {
    const det = new WedgeDetector(timing);
    let t = 0;
    const keys = [...'6901234000375'];
    const out = keys.map((ch, i) => det.keydown({ key: ch, time: (t += i === 7 ? 100 : 8) }));
    out.push(det.keydown({ key: 'Enter', time: (t += 90) }));
    expect(out.at(-1)!.scan).toBe('6901234000375');
    // before recognition, the tolerance does not apply: a 60 ms gap splits the run
    const det2 = new WedgeDetector(timing);
    det2.keydown({ key: '6', time: 0 });
    expect(det2.keydown({ key: '9', time: 60 }).snapshot).toBe(true);
    // and beyond it the burst is given back
    const det3 = new WedgeDetector(timing);
    typeText(det3, 'abcdef', 5, 0, false);
    expect(det3.keydown({ key: 'g', time: 25 + 101 })).toMatchObject({ release: 'abcdef', snapshot: true });
  });

  it('the scan is the same with any gap up to the limit (boundary: exactly maxGapMs)', () => {
    const det = new WedgeDetector(timing);
    expect(typeText(det, '1234567', 40).decisions.at(-1)!.scan).toBe('1234567');
    expect(typeText(det, '1234567', 41, 5000).decisions.at(-1)!.scan).toBeNull();
  });
});

describe('WedgeDetector: people typing', () => {
  it('typing 150 ms apart is never touched', () => {
    const det = new WedgeDetector(timing);
    const { decisions } = typeText(det, '12', 150);
    for (const d of decisions) expect(d).toMatchObject({ swallow: false, restore: false, release: null, scan: null });
  });

  it('two quick keys (a rollover) then a pause are typing, not a burst', () => {
    const det = new WedgeDetector(timing);
    const a = det.keydown({ key: 't', time: 0 });
    const b = det.keydown({ key: 'h', time: 25 });
    const c = det.keydown({ key: 'e', time: 200 });
    for (const d of [a, b, c]) expect(d.swallow).toBe(false);
    expect(c.snapshot).toBe(true);
    expect(det.wasBurst(a.runId)).toBe(false);
  });

  it('a burst that stops without Enter is given back (idle), not before the burst gap has passed', () => {
    const det = new WedgeDetector(timing);
    const { end } = typeText(det, 'abcd', 10, 0, false);
    const last = end - 10;
    expect(det.idle(last + 100)).toBeNull();
    expect(det.idle(last + 101)).toBe('abcd');
    expect(det.idle(last + 500)).toBeNull();
  });

  it('two slow-ish keys that never became a burst are simply over after maxGapMs (nothing to give back)', () => {
    const det = new WedgeDetector(timing);
    det.keydown({ key: '1', time: 0 });
    det.keydown({ key: '2', time: 20 });
    expect(det.idle(61)).toBeNull();
    expect(det.keydown({ key: '3', time: 62 })).toMatchObject({ snapshot: true, swallow: false });
  });

  it('a burst followed by a slow key gives the burst back and starts a new run', () => {
    const det = new WedgeDetector(timing);
    typeText(det, 'abc', 10, 0, false);
    const d = det.keydown({ key: 'x', time: 500 });
    expect(d).toMatchObject({ release: 'abc', snapshot: true, swallow: false });
  });

  it('a burst shorter than minLength ended by Enter is given back and the Enter goes through', () => {
    const det = new WedgeDetector(timing);
    const { decisions } = typeText(det, 'abcd', 10);
    expect(decisions.at(-1)).toMatchObject({ swallow: false, scan: null, release: 'abcd' });
  });

  it('an Enter that comes too late after a burst is not a scan', () => {
    const det = new WedgeDetector(timing);
    const { decisions } = typeText(det, 'abcdefgh', 10, 0, true, 300);
    expect(decisions.at(-1)).toMatchObject({ swallow: false, scan: null, release: 'abcdefgh' });
  });

  it('Ctrl+V or an arrow key in the middle ends the run; held-down keys (repeat) never make a burst', () => {
    const det = new WedgeDetector(timing);
    typeText(det, 'abc', 5, 0, false);
    expect(det.keydown({ key: 'v', time: 20, ctrlKey: true })).toMatchObject({ release: 'abc', swallow: false });
    typeText(det, 'xyz', 5, 100, false);
    expect(det.keydown({ key: 'ArrowLeft', time: 120 })).toMatchObject({ release: 'xyz', swallow: false });
    const reps: WedgeDecision[] = [det.keydown({ key: 'a', time: 1000 })];
    for (let i = 1; i < 20; i++) reps.push(det.keydown({ key: 'a', time: 1000 + i * 33, repeat: true }));
    expect(reps.every((d) => !d.swallow)).toBe(true);
  });

  it('IME composition keys are typing', () => {
    const det = new WedgeDetector(timing);
    const out = ['Process', 'Process', 'Process', 'Process'].map((key, i) => det.keydown({ key, time: i * 5, isComposing: true }));
    expect(out.every((d) => !d.swallow && d.scan === null)).toBe(true);
  });

  it('wasBurst tells a deferred digit action whether its key was part of a scan', () => {
    const det = new WedgeDetector(timing);
    const { decisions } = typeText(det, '0123456', 5);
    expect(det.wasBurst(decisions[0]!.runId)).toBe(true);
    const human = det.keydown({ key: '1', time: 10_000 });
    expect(det.wasBurst(human.runId)).toBe(false);
  });
});

describe('WedgeDetector: properties', () => {
  const printable = fc.string({ unit: fc.constantFrom(...'0123456789ABCDEFabcdef-_.'.split('')), minLength: 6, maxLength: 80 });

  it('any text typed with gaps within the limit and ended by Enter is exactly one scan of that text; only the first burstKeys-1 keys reach the page', () => {
    fc.assert(
      fc.property(printable, fc.array(fc.integer({ min: 0, max: 40 }), { minLength: 81, maxLength: 81 }), (text, gaps) => {
        const det = new WedgeDetector(timing);
        let t = 10_000;
        const out: WedgeDecision[] = [];
        [...text].forEach((ch, i) => out.push(det.keydown({ key: ch, time: (t += gaps[i]!) })));
        out.push(det.keydown({ key: 'Enter', time: t + gaps[80]! }));
        expect(out.at(-1)!.scan).toBe(text);
        expect(out.filter((d) => !d.swallow)).toHaveLength(timing.burstKeys - 1);
        expect(out.filter((d) => d.restore)).toHaveLength(1);
      }),
    );
  });

  it('keys always further apart than the limit are never kept, restored or scanned', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ key: fc.constantFrom('1', '2', 'a', 'Enter', 'Backspace', 'Shift', '.'), gap: fc.integer({ min: 41, max: 400 }) }), { maxLength: 60 }),
        (keys) => {
          const det = new WedgeDetector(timing);
          let t = 0;
          for (const k of keys) {
            const d = det.keydown({ key: k.key, time: (t += k.gap) } satisfies WedgeKey);
            expect(d.swallow || d.restore || d.scan !== null || d.release !== null).toBe(false);
          }
        },
      ),
    );
  });
});
