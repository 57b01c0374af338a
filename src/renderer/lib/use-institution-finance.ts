/**
 * Whether the institution's supervisor views apply here: institution.finance is configured and the
 * one signed in is a supervisor (the call is a supervisor's; a cashier is refused, which reads false).
 */
import { useEffect, useState } from 'react';
import { api } from './api.js';

export function useInstitutionFinance(): boolean {
  const [available, setAvailable] = useState(false);
  useEffect(() => {
    let live = true;
    api('institutionEod.available', {}).then(
      (r) => live && setAvailable(r.available),
      () => live && setAvailable(false),
    );
    return () => {
      live = false;
    };
  }, []);
  return available;
}
