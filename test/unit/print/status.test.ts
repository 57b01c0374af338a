/** DLE EOT: what each printer state answers, and what the terminal reads from the answers. */
import { describe, expect, it } from 'vitest';
import { answerTo, isStatusByte, stateOf, statusBytesFor } from '../../../src/main/print/escpos/status.js';

describe('real-time status (DLE EOT)', () => {
  it.each(['ready', 'paper_out', 'cover_open', 'offline', 'error'] as const)('%s reads back as itself', (state) => {
    const s = statusBytesFor(state);
    for (const b of [s.printer, s.offline, s.paper]) expect(isStatusByte(b)).toBe(true);
    expect(stateOf(s)).toEqual({ state, nearEnd: false });
    expect(stateOf(statusBytesFor(state, true)).nearEnd).toBe(true);
  });

  it('reads Epson’s bits: 0x12 fixed, bit 3 offline, cover open bit 2 of n=2, paper end bits 5-6 of n=4', () => {
    expect(stateOf({ printer: 0x12, offline: 0x12, paper: 0x12 }).state).toBe('ready');
    expect(stateOf({ printer: 0x1a, offline: 0x16, paper: 0x12 }).state).toBe('cover_open');
    expect(stateOf({ printer: 0x1a, offline: 0x32, paper: 0x72 }).state).toBe('paper_out');
    expect(stateOf({ printer: 0x12, offline: 0x12, paper: 0x1e })).toEqual({ state: 'ready', nearEnd: true });
    expect(isStatusByte(0x0a)).toBe(false);
    expect(answerTo(4, statusBytesFor('paper_out'))).toBe(0x72);
  });
});
