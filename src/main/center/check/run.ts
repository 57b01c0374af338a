/**
 * `pos check-center` and the administrator's connection check: every step in order, each reported
 * as it ends (the screen shows progress), a failed step skipping the ones that depend on it.
 */
import type { CenterClientOptions } from '../client.js';
import type { CenterTransport } from '../center-transport.js';
import type { CheckConfig } from './config.js';
import { messageSteps } from './message-steps.js';
import { dnsStep, targetOf, tcpStep, tlsStep } from './network-steps.js';
import { since, skipped, STEP_IDS, type CheckReport, type CheckStep } from './steps.js';

export interface CenterCheckOptions {
  /** the center's base URL (the embedded simulator's when embedded) */
  url: string;
  transport: Pick<CenterTransport, 'post' | 'chain' | 'schemes' | 'tls' | 'proxy' | 'warnDays'>;
  /** the envelope's institution, operator and timeout, as the terminal sends */
  client: Omit<CenterClientOptions, 'url' | 'post' | 'chain'>;
  nextMsgid(): string;
  testPerson?: CheckConfig['testPerson'];
  now?: () => Date;
}

export async function runCenterCheck(o: CenterCheckOptions, onStep: (s: CheckStep) => void = () => {}): Promise<CheckReport> {
  const startedAt = (o.now ?? (() => new Date()))();
  const t0 = performance.now();
  const steps: CheckStep[] = [];
  const add = (s: CheckStep) => {
    steps.push(s);
    onStep(s);
  };
  const timeoutMs = Math.min(o.client.timeoutMs ?? 10_000, 10_000);
  const rest = () => {
    for (const id of STEP_IDS.slice(steps.length)) add(skipped(id, '前一步失败，未检查'));
  };
  const report = (): CheckReport => ({ url: o.url, schemes: o.transport.schemes, ok: steps.every((s) => s.status !== 'failed'), steps, startedAt: startedAt.toISOString(), ms: Math.round(since(t0)) });

  const target = targetOf(o.url, o.transport.proxy);
  add(await dnsStep(target));
  if (steps[0].status === 'failed') return rest(), report();
  const tcp = await tcpStep(target, timeoutMs);
  add(tcp.step);
  if (tcp.step.status === 'failed') return rest(), report();
  add(await tlsStep(target, tcp.socket, o.transport.tls, o.transport.warnDays, timeoutMs, startedAt));
  if (steps[2].status === 'failed') return rest(), report();
  for (const s of await messageSteps({ url: o.url, post: o.transport.post, chain: o.transport.chain, schemes: o.transport.schemes, client: o.client, nextMsgid: o.nextMsgid, testPerson: o.testPerson })) add(s);
  return report();
}

const MARK = { ok: '通过', warn: '注意', failed: '失败', skipped: '跳过' } as const;

/** columns a text takes in a terminal: Chinese characters take two */
const width = (t: string) => [...t].reduce((w, c) => w + ((c.codePointAt(0) ?? 0) >= 0x2e80 ? 2 : 1), 0);
const pad = (t: string, n: number) => t + ' '.repeat(Math.max(0, n - width(t)));

/** one step as a line (and its reason on the next) for the terminal window */
export function formatStep(s: CheckStep): string {
  const ms = s.status === 'skipped' ? '' : `${s.ms < 10 ? s.ms.toFixed(1) : Math.round(s.ms)} ms`;
  const head = `[${MARK[s.status]}] ${pad(s.title, 14)}${ms.padStart(9)}  ${s.detail}`;
  return s.reason ? `${head}\n       原因：${s.reason}` : head;
}
