import { describe, expect, it } from 'vitest';
import { actionForKey, chordActionForKey, digitChoice, helpChords, isChordOf, isTypingTarget, KEY_BINDINGS, legendBindings } from '../../../src/renderer/lib/keymap.js';

describe('function keys', () => {
  it('maps every key of the brief to its action', () => {
    const expected: Record<string, string> = {
      F1: 'help',
      F2: 'newPatient',
      F3: 'focusCertno',
      F4: 'focusSearch',
      F5: 'toggleMode',
      F6: 'openList',
      F7: 'focusMulaid',
      F8: 'reverse',
      F9: 'confirm',
      F10: 'lock',
      F12: 'devPanel',
      Escape: 'escape',
    };
    for (const [key, action] of Object.entries(expected)) expect(actionForKey({ key }), key).toBe(action);
    expect(KEY_BINDINGS.map((b) => b.key).sort()).toEqual(Object.keys(expected).sort());
  });

  it('leaves other keys and modified function keys to the shell', () => {
    expect(actionForKey({ key: 'F11' })).toBeNull();
    expect(actionForKey({ key: 'a' })).toBeNull();
    expect(actionForKey({ key: 'F5', ctrlKey: true })).toBeNull();
    expect(actionForKey({ key: 'F4', altKey: true })).toBeNull();
  });

  it('lists F12 only when the developer panel exists', () => {
    expect(legendBindings(false).some((b) => b.key === 'F12')).toBe(false);
    expect(legendBindings(true).some((b) => b.key === 'F12')).toBe(true);
    expect(legendBindings(false)).toHaveLength(KEY_BINDINGS.length - 1);
  });
});

describe('Ctrl chords', () => {
  it('the counter acts on its chords; Ctrl+G (windows overview) is left to App\'s shortcut', () => {
    expect(chordActionForKey({ key: 'e', ctrlKey: true })).toBe('endOfDay');
    expect(chordActionForKey({ key: 'K', ctrlKey: true })).toBe('conflicts');
    expect(chordActionForKey({ key: 'g', ctrlKey: true })).toBeNull();
    expect(isChordOf('windowsOverview', { key: 'g', ctrlKey: true })).toBe(true);
    expect(isChordOf('windowsOverview', { key: 'G', ctrlKey: true })).toBe(true);
    expect(isChordOf('windowsOverview', { key: 'g' })).toBe(false);
    expect(isChordOf('windowsOverview', { key: 'g', ctrlKey: true, altKey: true })).toBe(false);
    expect(isChordOf('endOfDay', { key: 'g', ctrlKey: true })).toBe(false);
  });

  it('F1 help lists Ctrl+G only where the institution applies', () => {
    expect(helpChords(false).map((c) => c.label)).not.toContain('Ctrl+G');
    expect(helpChords(true).map((c) => c.label)).toContain('Ctrl+G');
    expect(helpChords(false).map((c) => c.label)).toEqual(expect.arrayContaining(['Ctrl+K', 'Ctrl+E', 'Ctrl+D', 'Ctrl+P']));
  });
});

describe('co-pay digits', () => {
  const auth = [
    { psn_no: 'A', usable: true },
    { psn_no: 'B', usable: false },
  ];
  it('1..9 choose the n-th authorizer, 0 none, unusable ones are refused', () => {
    expect(digitChoice('1', auth)).toEqual({ kind: 'choose', psn_no: 'A' });
    expect(digitChoice('2', auth)).toEqual({ kind: 'unusable', psn_no: 'B' });
    expect(digitChoice('0', auth)).toEqual({ kind: 'none' });
    expect(digitChoice('3', auth)).toBeNull();
    expect(digitChoice('x', auth)).toBeNull();
    expect(digitChoice('F1', auth)).toBeNull();
  });
});

describe('typing targets', () => {
  it('text inputs take digits, checkboxes and buttons do not', () => {
    expect(isTypingTarget({ tagName: 'INPUT', type: 'text' })).toBe(true);
    expect(isTypingTarget({ tagName: 'input', type: 'password' })).toBe(true);
    expect(isTypingTarget({ tagName: 'TEXTAREA' })).toBe(true);
    expect(isTypingTarget({ tagName: 'INPUT', type: 'checkbox' })).toBe(false);
    expect(isTypingTarget({ tagName: 'BUTTON' })).toBe(false);
    expect(isTypingTarget({ tagName: 'DIV', isContentEditable: true })).toBe(true);
    expect(isTypingTarget(null)).toBe(false);
  });
});
