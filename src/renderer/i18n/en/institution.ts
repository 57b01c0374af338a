/** The institution database: replication to the hospital's PostgreSQL, in the status bar. */
import type { institution as zh } from '../zh-CN/institution.js';

export const institution: Record<keyof typeof zh, string> = {
  'institution.synced': 'Institution DB synced',
  'institution.behind': 'Institution DB not synced {n}',
  'institution.down': 'Institution DB unreachable · not synced {n}',
  'institution.refused': 'Institution DB refused · not synced {n}',
  'institution.lastOk': 'Last synced: {at}',
  'institution.never': 'Never synced',
  'institution.refusedHint': 'For the institution database administrator: {reason}',
};
