/**
 * A card reader behind the vendor's card library (iReadCardBas), driven like every other reader: it
 * emits 'identity' for a card, 'error' with a reason for a failed read, and 'close' (with the reason)
 * when the library's process is gone — it hung past the timeout or crashed — so its slot shows it
 * and starts a fresh process. The basic-info string is decoded by the same code as every reader
 * (card/basic-info.ts, GBK); a failed read's buffer is the library's reason, GBK as well.
 */
import { EventEmitter } from 'node:events';
import iconv from 'iconv-lite';
import { decodeBasicInfo } from '../card/basic-info.js';
import type { Identity } from '../../shared/domain.js';
import type { VendorLibraryConfig } from '../config.js';
import { emitDeviceError, messageOf, type DeviceError } from '../events.js';
import { hsmKey } from './hsm-key.js';
import { LibraryProcess, type CallOutcome } from './library-process.js';

export interface VendorLibraryReaderOptions {
  deviceId: string;
  config: VendorLibraryConfig;
  today: () => string;
}

/** the reason text a library left in its buffer: GBK, printable, short */
export function reasonText(out: Buffer): string {
  const text = iconv.decode(out, 'gbk').replace(/[\u0000-\u001f\u007f\ufffd]+/g, ' ').trim();
  return text.length > 120 ? `${text.slice(0, 120)}…` : text;
}

export interface ReadTiming {
  /** the library's own time (every call of the read, both HSM steps included) */
  libMs: number;
  /** from the request to the identity or error event */
  totalMs: number;
}

export interface VendorLibraryEvents {
  identity: [Identity];
  error: [DeviceError];
  /** the library's process is gone (hung, crashed): why */
  close: [reason?: string];
}

export class VendorLibraryReader extends EventEmitter<VendorLibraryEvents> {
  readonly deviceId: string;
  /** the last read's timing (benchmarks, logs) */
  lastRead: ReadTiming | null = null;
  private reading: Promise<void> | null = null;
  private poll: NodeJS.Timeout | null = null;
  private lastPolled: string | null = null;
  private closed = false;

  private constructor(
    private readonly lib: LibraryProcess,
    private readonly opts: VendorLibraryReaderOptions,
  ) {
    super();
    this.deviceId = opts.deviceId;
    lib.onExitOnce((why) => this.end(`读卡库崩溃（${why}），正在重新加载`));
    if (opts.config.pollMs) this.poll = setInterval(() => void this.read(true), opts.config.pollMs);
  }

  /** Start the library's process and load the library; rejects with the reason. */
  static async open(opts: VendorLibraryReaderOptions): Promise<VendorLibraryReader> {
    const c = opts.config;
    const started = await LibraryProcess.start(
      {
        path: c.path,
        convention: c.callingConvention,
        returnType: c.returnType,
        bufferSize: c.bufferSize,
        read: c.hsm ? undefined : c.function,
        step1: c.hsm?.step1,
        step1TakesIType: c.hsm?.step1TakesIType,
        step2: c.hsm?.step2,
      },
      Math.max(c.timeoutMs, 3000),
    );
    if (!started.ok) throw new Error(`无法加载读卡库 ${c.path}：${started.reason}`);
    return new VendorLibraryReader(started.lib, opts);
  }

  /** Read the card now; false when the reader is gone. A read already under way is not doubled. */
  requestRead(): Promise<boolean> {
    if (this.closed) return Promise.resolve(false);
    void this.read(false);
    return Promise.resolve(true);
  }

  /** Resolves when the read under way (if any) has reported. */
  settled(): Promise<void> {
    return this.reading ?? Promise.resolve();
  }

  async dispose(): Promise<void> {
    this.closed = true;
    if (this.poll) clearInterval(this.poll);
    this.poll = null;
    await this.lib.stop();
  }

  private read(polled: boolean): Promise<void> {
    if (this.closed) return Promise.resolve();
    // the read is over before its outcome is told, so a listener may ask for the next one at once
    this.reading ??= this.readOnce(polled).then(
      (tell) => {
        this.reading = null;
        tell?.();
      },
      () => {
        this.reading = null;
      },
    );
    return this.reading;
  }

  /** one read; resolves with what to tell (identity or error), or nothing */
  private async readOnce(polled: boolean): Promise<(() => void) | void> {
    const c = this.opts.config;
    const t0 = performance.now();
    let libMs = 0;
    const step = async (fn: 'read' | 'step1' | 'step2', args: { iType?: number; key?: Buffer }): Promise<CallOutcome> => {
      const o = await this.lib.call(fn, args, c.timeoutMs);
      if (o.ok) libMs += o.result.libMs;
      return o;
    };
    let outcome = c.hsm ? await step('step1', { iType: c.iType }) : await step('read', { iType: c.iType });
    if (c.hsm && outcome.ok && outcome.result.code === 0) {
      const key = await hsmKey(c.hsm.key, outcome.result.out);
      if (!key.ok) return this.report(polled, { error: `安全模块读卡第二步没有密钥：${key.reason}` }, t0, libMs);
      outcome = await step('step2', { key: key.key });
    }
    if (!outcome.ok) {
      if (outcome.fatal) return this.end(outcome.reason);
      return this.report(polled, { error: `读卡库调用失败：${outcome.reason}` }, t0, libMs);
    }
    const { code, out } = outcome.result;
    if (code !== 0) return this.report(polled, { error: `读卡失败（返回 ${code}）${reasonText(out) ? `：${reasonText(out)}` : ''}` }, t0, libMs);
    let today: string;
    try {
      today = this.opts.today();
    } catch (e) {
      return this.report(polled, { error: `today(): ${messageOf(e)}` }, t0, libMs);
    }
    const r = decodeBasicInfo(out, { today, deviceId: this.deviceId });
    if (!r.ok) return this.report(polled, { error: `读卡库返回的卡信息无法识别：${r.field}: ${r.reason}`, field: r.field }, t0, libMs);
    // polling: a card that stays in the reader is reported once
    const cardKey = `${r.fields.card_no}|${r.fields.card_sn}`;
    if (polled && cardKey === this.lastPolled) return;
    this.lastPolled = cardKey;
    return () => {
      this.lastRead = { libMs, totalMs: performance.now() - t0 };
      this.emit('identity', r.identity);
    };
  }

  private report(polled: boolean, e: { error: string; field?: string }, t0: number, libMs: number): (() => void) | void {
    // polling an empty reader fails every time: say it when it changes, not every poll
    if (polled && this.lastPolled === e.error) return;
    if (polled) this.lastPolled = e.error;
    return () => {
      this.lastRead = { libMs, totalMs: performance.now() - t0 };
      emitDeviceError(this, { deviceId: this.deviceId, reason: e.error, field: e.field });
    };
  }

  private end(reason: string): void {
    if (this.closed) return;
    this.closed = true;
    if (this.poll) clearInterval(this.poll);
    this.poll = null;
    this.lib.kill();
    emitDeviceError(this, { deviceId: this.deviceId, reason });
    this.emit('close', reason);
  }
}
