import { describe, expect, it } from 'vitest';
import { authorizerUnusableReason } from '../../../src/main/settle/index.js';
import type { MulaidAuthorizer } from '../../../src/shared/domain.js';

const a = (over: Partial<MulaidAuthorizer> = {}): MulaidAuthorizer => ({
  psn_no: 'P001', psn_name: '张三', relation: 'parent', insutype: '310', balc: 50000,
  bind_begn_date: '2025-01-01', bind_end_date: '2025-12-31', ...over,
});

describe('authorizerUnusableReason', () => {
  it('is null for an employee with a balance inside the binding period, edges included', () => {
    expect(authorizerUnusableReason(a(), '2025-06-01')).toBeNull();
    expect(authorizerUnusableReason(a(), '2025-01-01')).toBeNull();
    expect(authorizerUnusableReason(a(), '2025-12-31')).toBeNull();
  });
  it('names each reason', () => {
    expect(authorizerUnusableReason(a({ insutype: '390' }), '2025-06-01')).toBe('not_employee');
    expect(authorizerUnusableReason(a(), '2024-12-31')).toBe('binding_expired');
    expect(authorizerUnusableReason(a(), '2026-01-01')).toBe('binding_expired');
    expect(authorizerUnusableReason(a({ balc: 0 }), '2025-06-01')).toBe('zero_balance');
  });
  it('gives the first reason in the order not_employee, binding_expired, zero_balance', () => {
    expect(authorizerUnusableReason(a({ insutype: '390', balc: 0 }), '2026-06-01')).toBe('not_employee');
    expect(authorizerUnusableReason(a({ balc: 0 }), '2026-06-01')).toBe('binding_expired');
  });
});
