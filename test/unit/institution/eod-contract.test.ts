/** The institution's end of day is a supervisor's: every call of its area needs the role, and it is merged into the one contract. */
import { describe, expect, it } from 'vitest';
import { calls } from '../../../src/shared/api.js';
import { institutionEodCalls } from '../../../src/shared/api-institution-eod.js';
import { incompleteWindows } from '../../../src/main/institution/eod/run.js';

describe('institution end of day: contract and completeness rule', () => {
  it('every call is in the contract and needs a supervisor', () => {
    for (const name of Object.keys(institutionEodCalls) as Array<keyof typeof institutionEodCalls>) {
      expect(calls[name]).toBe(institutionEodCalls[name]);
      expect(calls[name].supervisor, name).toBe(true);
    }
    expect(calls['institutionEod.run'].input.safeParse({ date: '2026-11-24', to: '2026-11-23' }).success).toBe(false);
    expect(calls['institutionEod.export'].input.safeParse({ date: '2026-11-24', to: '2026-11-23', format: 'csv' }).success).toBe(false);
    expect(calls['institutionEod.export'].input.safeParse({ date: '2026-11-23', to: '2026-11-24', format: 'csv' }).success).toBe(true);
  });

  it('a backlog counts only when it reaches into the period; silence is named otherwise', () => {
    const w = (over: Partial<Parameters<typeof incompleteWindows>[0][number]>) => ({ terminal_id: 'W', label: '', heard_at: new Date(), backlog: 0, oldest_unsent_date: null, silent: false, ...over });
    expect(incompleteWindows([w({ backlog: 3, oldest_unsent_date: '2026-11-24' })], '2026-11-24')[0]!.reason).toBe('backlog');
    expect(incompleteWindows([w({ backlog: 3, oldest_unsent_date: '2026-11-25' })], '2026-11-24')).toEqual([]);
    expect(incompleteWindows([w({ silent: true, heard_at: null })], '2026-11-24')).toEqual([expect.objectContaining({ reason: 'silent', heard_at: null })]);
  });
});
