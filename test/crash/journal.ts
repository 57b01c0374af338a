/**
 * The crash-test child's journal as the parent reads it: the bills the child started, what it reported
 * confirmed, and where a kill landed (inside a confirm, with a call to the center or a result to the
 * HIS in flight, inside a drain, or idle).
 */
export interface Bill {
  psn_no: string;
  lines: Array<{ code: string; qty: string; pric?: number }>;
  useAcct: boolean;
  mulaidPsnNo: string | null;
  /** an outpatient bill of the HIS */
  his?: { his_bill_no: string };
}

export type Landing = 'confirm' | 'send' | 'drain' | 'idle';

export interface LifeReport {
  landed: Landing;
  /** killed before the loop started (start-up: recovery, sign-in, identification) */
  startup: boolean;
  /** the infno(s) in flight when it landed in 'send' */
  inFlight: string[];
  /** results on their way to the HIS when it was killed */
  hisInFlight: number;
  confirmed: Array<{ id: string; requestId: string; retried: boolean }>;
  started: Map<string, Bill>;
}

/**
 * Where a kill landed, from the journal lines the killed life wrote. Precedence: inside a
 * settle.confirm call > an HTTP request to the center in flight > inside app.worker.drainNow() >
 * anything else (idle: between steps, or starting up).
 */
export function readLife(text: string): LifeReport {
  let ready = false;
  let confirming: string | null = null;
  let draining = false;
  const inFlight = new Map<string, string>();
  const hisInFlight = new Set<string>();
  const confirmed: LifeReport['confirmed'] = [];
  const started = new Map<string, Bill>();
  for (const line of text.split('\n')) {
    if (!line) continue;
    const parts = line.split(' ');
    switch (parts[0]) {
      case 'ready':
        ready = true;
        break;
      case 'confirming':
        confirming = parts[1];
        started.set(parts[1], JSON.parse(line.slice(parts[0].length + parts[1].length + 2)) as Bill);
        break;
      case 'confirmed':
        confirmed.push({ id: parts[1], requestId: parts[2], retried: parts[3] === 'retried' });
        if (confirming === parts[2]) confirming = null;
        break;
      case 'confirm-failed':
        if (confirming === parts[1]) confirming = null;
        break;
      case 'send':
        inFlight.set(parts[2], parts[1]);
        break;
      case 'recv':
      case 'fail':
        inFlight.delete(parts[2]);
        break;
      case 'his-send':
        hisInFlight.add(parts[1]);
        break;
      case 'his-recv':
      case 'his-fail':
        hisInFlight.delete(parts[1]);
        break;
      case 'draining':
        draining = true;
        break;
      case 'drained':
        draining = false;
        break;
    }
  }
  const landed: Landing = confirming ? 'confirm' : inFlight.size > 0 ? 'send' : draining ? 'drain' : 'idle';
  return { landed, startup: !ready, inFlight: [...inFlight.values()], hisInFlight: hisInFlight.size, confirmed, started };
}
