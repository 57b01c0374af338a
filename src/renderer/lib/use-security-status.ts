/** The security light's state: asked once signed in, then kept fresh by `security.changed`. */
import { useEffect, useState } from 'react';
import type { SecurityStatus } from '../../shared/api-security.js';
import { api } from './api.js';
import { useBridgeEvent } from './hooks.js';

export function useSecurityStatus(enabled: boolean): [SecurityStatus | null, (s: SecurityStatus) => void] {
  const [status, setStatus] = useState<SecurityStatus | null>(null);
  useEffect(() => {
    if (!enabled) return;
    let live = true;
    const load = () => api('security.status', {}).then((s) => live && setStatus(s), () => {});
    load();
    // the disk's free space changes without an event: look again now and then
    const poll = setInterval(load, 60_000);
    return () => {
      live = false;
      clearInterval(poll);
    };
  }, [enabled]);
  useBridgeEvent('security.changed', setStatus);
  return [status, setStatus];
}
