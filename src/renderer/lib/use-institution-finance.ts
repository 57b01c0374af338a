/**
 * Whether the institution's supervisor views apply here: institution.finance is configured and the
 * one signed in is a supervisor (the call is a supervisor's; a cashier is refused, which reads false).
 */
import { useEffect, useState } from 'react';
import { api } from './api.js';

/** `ask` false: nobody who may ask is signed in, so nothing is asked and it reads false; asked again when it turns true */
export function useInstitutionFinance(ask = true): boolean {
  const [available, setAvailable] = useState(false);
  useEffect(() => {
    if (!ask) {
      setAvailable(false);
      return;
    }
    let live = true;
    api('institutionEod.available', {}).then(
      (r) => live && setAvailable(r.available),
      () => live && setAvailable(false),
    );
    return () => {
      live = false;
    };
  }, [ask]);
  return available;
}
