/** Resident ID numbers: the rule lives in the shared contract (the renderer checks typed numbers too). */
export * from '../../shared/id-number.js';
