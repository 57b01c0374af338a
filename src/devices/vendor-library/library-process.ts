/**
 * The terminal's side of the vendor library's process (host.cjs): start it, load the library, call
 * one function at a time with a timeout. A call that does not come back in time, or a process that
 * dies (a segfault in the library), fails the call with a reason and leaves the process dead: the
 * reader reports it and its slot starts a fresh one. Never throws on what the library does.
 *
 * Why a child process and not a worker thread: a worker shares the terminal's address space, so a
 * crash in native code kills the terminal, and a hung FFI call cannot be stopped (Worker.terminate
 * waits for JavaScript to run). A process can be killed and restarted; the cost is one start
 * (≈50 ms) when the reader connects and an IPC round trip per read (well under a millisecond).
 */
import { fork, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface LoadSpec {
  path: string;
  convention: 'cdecl' | 'stdcall';
  returnType: 'long' | 'int';
  bufferSize: number;
  read?: string;
  step1?: string;
  step1TakesIType?: boolean;
  step2?: string;
}

export interface CallResult {
  code: number;
  /** the output buffer up to its first NUL */
  out: Buffer;
  /** how long the library itself took (measured around the call in its process) */
  libMs: number;
}

export type CallOutcome = { ok: true; result: CallResult } | { ok: false; reason: string; fatal: boolean };

/**
 * host.cjs beside this module (sources, tests), or vendor-card-host.cjs beside the bundle that
 * holds this module (dist/main, dist/electron: copied there by the build).
 */
export function hostScriptPath(): string {
  const candidates = [new URL('./host.cjs', import.meta.url), new URL('./vendor-card-host.cjs', import.meta.url)].map((u) => fileURLToPath(u));
  const found = candidates.find((p) => fs.existsSync(p));
  if (!found) throw new Error(`the card library host is missing (looked for ${candidates.join(', ')}); rebuild with npm run build`);
  return found;
}

type Pending = { resolve(o: CallOutcome): void; timer: NodeJS.Timeout };

export class LibraryProcess {
  private child: ChildProcess | null;
  private nextId = 1;
  private pending = new Map<number, Pending>();
  private loadWaiter: ((o: { ok: true } | { ok: false; reason: string }) => void) | null = null;
  private exitListeners: Array<(reason: string) => void> = [];
  private ended = false;

  private constructor(child: ChildProcess) {
    this.child = child;
    child.on('message', (m: unknown) => this.onMessage(m as Record<string, unknown>));
    child.on('exit', (code, signal) => this.onExit(signal ? `进程被信号 ${signal} 终止` : `进程退出，代码 ${code}`));
    child.on('error', (e) => this.onExit(`进程出错：${e.message}`));
  }

  /** Start the process and load the library; resolves with the process or the reason it failed. */
  static async start(spec: LoadSpec, timeoutMs: number): Promise<{ ok: true; lib: LibraryProcess } | { ok: false; reason: string }> {
    const child = fork(hostScriptPath(), [], {
      // nothing of the terminal's loaders (tsx, test runners): the host is plain JavaScript
      execArgv: [],
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' },
      serialization: 'json',
    });
    let stderr = '';
    child.stderr?.on('data', (c: Buffer) => {
      if (stderr.length < 2000) stderr += c.toString('utf8');
    });
    const lib = new LibraryProcess(child);
    const loaded = await new Promise<{ ok: true } | { ok: false; reason: string }>((resolve) => {
      const timer = setTimeout(() => resolve({ ok: false, reason: `加载读卡库超过 ${timeoutMs} 毫秒` }), timeoutMs);
      lib.loadWaiter = (o) => {
        clearTimeout(timer);
        resolve(o);
      };
      lib.onExitOnce((why) => resolve({ ok: false, reason: `${why}${stderr ? `：${stderr.trim().slice(0, 300)}` : ''}` }));
      child.send({ t: 'load', ...spec });
    });
    if (!loaded.ok) {
      lib.kill();
      return loaded;
    }
    return { ok: true, lib };
  }

  get alive(): boolean {
    return !this.ended;
  }

  /** One call; `fatal` outcomes (timeout, crash) mean the process is gone. */
  call(fn: 'read' | 'step1' | 'step2', args: { iType?: number; key?: Buffer }, timeoutMs: number): Promise<CallOutcome> {
    if (this.ended || !this.child) return Promise.resolve({ ok: false, reason: '读卡库进程已停止', fatal: true });
    const id = this.nextId++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        resolve({ ok: false, reason: `读卡库 ${timeoutMs} 毫秒内没有返回（卡住），已停止其进程`, fatal: true });
        this.kill();
      }, timeoutMs);
      this.pending.set(id, { resolve, timer });
      this.child!.send({ t: 'call', id, fn, iType: args.iType, key: args.key?.toString('base64') });
    });
  }

  /** when the process ends by itself (crash) or is killed */
  onExitOnce(l: (reason: string) => void): void {
    if (this.ended) l('读卡库进程已停止');
    else this.exitListeners.push(l);
  }

  kill(): void {
    const c = this.child;
    if (!c || this.ended) return;
    c.kill('SIGKILL');
  }

  /** a polite stop: the host exits when its channel closes; killed if it does not */
  async stop(): Promise<void> {
    const c = this.child;
    if (!c || this.ended) return;
    await new Promise<void>((resolve) => {
      const t = setTimeout(() => {
        this.kill();
        resolve();
      }, 500);
      this.onExitOnce(() => {
        clearTimeout(t);
        resolve();
      });
      try {
        c.disconnect();
      } catch {
        this.kill();
      }
    });
  }

  private onMessage(m: Record<string, unknown>): void {
    if (m.t === 'loaded' || m.t === 'load-failed') {
      const w = this.loadWaiter;
      this.loadWaiter = null;
      w?.(m.t === 'loaded' ? { ok: true } : { ok: false, reason: String(m.reason ?? 'load failed') });
      return;
    }
    const p = this.pending.get(Number(m.id));
    if (!p) return;
    this.pending.delete(Number(m.id));
    clearTimeout(p.timer);
    if (m.t === 'result') p.resolve({ ok: true, result: { code: Number(m.code), out: Buffer.from(String(m.out ?? ''), 'base64'), libMs: Number(m.libMs) } });
    else p.resolve({ ok: false, reason: String(m.reason ?? 'call failed'), fatal: false });
  }

  private onExit(why: string): void {
    if (this.ended) return;
    this.ended = true;
    this.child = null;
    for (const [, p] of this.pending) {
      clearTimeout(p.timer);
      p.resolve({ ok: false, reason: `读卡库崩溃（${why}）`, fatal: true });
    }
    this.pending.clear();
    for (const l of this.exitListeners.splice(0)) l(why);
  }
}
