/**
 * Calls and events of the sync area, merged into the one contract by api.ts.
 */
import { z } from 'zod';
import { defineCall } from './contract.js';

void z;
void defineCall;

export const syncCalls = {} as const;

export const syncEvents = {} as const;
