/**
 * The configuration a window of an institution must have: its own msgid slot beside the database
 * (two windows in one second would otherwise send the same msgid, and the center would take the
 * second message for a repeat of the first).
 */
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/main/config.js';

const database = { url: 'postgres://pos_w_w01@127.0.0.1:5432/institution', passwordFile: '/etc/pos/w01.pw', tls: { mode: 'disable' } };

describe('a window of an institution', () => {
  it('is refused without terminal.msgidSlot, naming it', () => {
    expect(() => parseConfig({ institution: { database } })).toThrow(/terminal\.msgidSlot/);
  });
  it('is accepted with a slot 0–99; a terminal that is its own institution needs none', () => {
    expect(parseConfig({ terminal: { msgidSlot: 7 }, institution: { database } }).terminal.msgidSlot).toBe(7);
    expect(() => parseConfig({ terminal: { msgidSlot: 100 }, institution: { database } })).toThrow(/msgidSlot/);
    expect(parseConfig({}).terminal.msgidSlot).toBeUndefined();
  });
});
