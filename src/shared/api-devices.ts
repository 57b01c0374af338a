/**
 * Calls and events of the devices area, merged into the one contract by api.ts.
 */
import { z } from 'zod';
import { defineCall } from './contract.js';

void z;
void defineCall;

export const devicesCalls = {} as const;

export const devicesEvents = {} as const;
