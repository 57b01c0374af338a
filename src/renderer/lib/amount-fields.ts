/**
 * The five amounts the cashier reads off a split — the total, what the funds, the own account and the
 * family co-pay account pay, and the cash — in the order every panel and table shows them, each with
 * the short name its labels and test ids are built from (split-fund, row-fund, eod.col.fund …).
 */
import { RECON_AMOUNT_FIELDS, type ReconAmountField } from '../../shared/api-reconcile.js';

const SHORT = { medfee_sumamt: 'medfee', fund_pay_sumamt: 'fund', acct_pay: 'acct', acct_mulaid_pay: 'mulaid', psn_cash_pay: 'cash' } as const;

export const AMOUNT_FIELDS: readonly { field: ReconAmountField; short: (typeof SHORT)[ReconAmountField] }[] = RECON_AMOUNT_FIELDS.map((field) => ({ field, short: SHORT[field] }));
