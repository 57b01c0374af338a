/**
 * A supervisor's approval for one action on one subject, as a dialog uses it: asks the main side
 * whether one is needed (the configured exception, a supervisor signed in), holds the supervisor's
 * number and PIN while they are typed, and `obtain()` turns them into the one-time token the action's
 * call carries (or undefined where none is needed). The PIN is checked on the main side only.
 */
import { useEffect, useState } from 'react';
import type { ApprovalAction, ApprovalNeed } from '../../shared/api-security.js';
import { CASHIER_NO_PATTERN, PIN_PATTERN } from '../../shared/domain.js';
import { api } from './api.js';

export interface Approval {
  need: ApprovalNeed | null;
  supervisorNo: string;
  pin: string;
  setSupervisorNo(v: string): void;
  setPin(v: string): void;
  /** what is wrong with the fields before anything is sent, or null */
  invalid(): 'approval.invalid' | null;
  /** the token for the action's call (undefined: none needed); the PIN is cleared either way */
  obtain(): Promise<string | undefined>;
}

export function useApproval(action: ApprovalAction, subject: string | null): Approval {
  const [need, setNeed] = useState<ApprovalNeed | null>(null);
  const [supervisorNo, setSupervisorNo] = useState('');
  const [pin, setPin] = useState('');
  useEffect(() => {
    setNeed(null);
    if (!subject) return;
    let live = true;
    // when the question cannot be answered, ask for the supervisor: the main side decides anyway
    api('approval.needed', { action, subject }).then(
      (n) => live && setNeed(n),
      () => live && setNeed({ required: true, exception: null }),
    );
    return () => {
      live = false;
    };
  }, [action, subject]);
  return {
    need,
    supervisorNo,
    pin,
    setSupervisorNo,
    setPin,
    invalid: () => (need?.required && (!CASHIER_NO_PATTERN.test(supervisorNo) || !PIN_PATTERN.test(pin)) ? 'approval.invalid' : null),
    async obtain() {
      if (!subject || need?.required === false) return undefined;
      try {
        return (await api('approval.grant', { action, subject, supervisorNo, pin })).token;
      } finally {
        setPin('');
      }
    },
  };
}
