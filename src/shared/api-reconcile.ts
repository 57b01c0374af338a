/**
 * Calls and events of the reconcile area, merged into the one contract by api.ts.
 */
import { z } from 'zod';
import { defineCall } from './contract.js';

void z;
void defineCall;

export const reconcileCalls = {} as const;

export const reconcileEvents = {} as const;
