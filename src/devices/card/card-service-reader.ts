/**
 * Card reader behind a vendor's loopback WebSocket card service (the shape browser-based hospital
 * systems use): we send {"function":"iReadCardBas","iType":3}; the service answers with the
 * basic-info string, bare or inside a JSON object. Vendors differ in the envelope, so the reply is
 * read tolerantly: a non-zero code/ret/result/errcode field is an error (message from msg/message/
 * err_msg/errmsg), and the basic info is the first string holding at least ten '|'. Replies are never
 * quoted into reasons: they may hold personal data.
 */
import { EventEmitter } from 'node:events';
import WebSocket from 'ws';
import { decodeBasicInfoString } from './basic-info.js';
import type { CardReaderEvents } from './serial-card-reader.js';
import { emitDeviceError, messageOf } from '../events.js';

export interface CardServiceReaderOptions {
  deviceId: string;
  url: string;
  today: () => string;
  /** iType: 1 contact, 2 contactless, 3 automatic (the common choice) */
  iType?: number;
  connectTimeoutMs?: number;
}

export type CardServiceReply = { ok: true; basicInfo: string } | { ok: false; reason: string };

const CODE_KEYS = ['code', 'ret', 'result', 'errcode', 'errCode', 'status'];
const MSG_KEYS = ['msg', 'message', 'err_msg', 'errmsg', 'errMsg', 'error'];

/** Read a card service reply (text frame). Never throws. */
export function parseCardServiceReply(text: string): CardServiceReply {
  const t = text.trim();
  let obj: unknown;
  try {
    obj = JSON.parse(t);
  } catch {
    return countBars(t) >= 10 ? { ok: true, basicInfo: t } : { ok: false, reason: `unexpected reply (${t.length} characters, not JSON)` };
  }
  if (typeof obj === 'string') return countBars(obj) >= 10 ? { ok: true, basicInfo: obj } : { ok: false, reason: `unexpected reply (${obj.length} characters)` };
  if (!obj || typeof obj !== 'object') return { ok: false, reason: 'unexpected reply' };
  const rec = obj as Record<string, unknown>;
  for (const k of CODE_KEYS) {
    const v = rec[k];
    if (v === undefined || typeof v === 'boolean') continue;
    if (String(v) !== '0' && !/^(ok|success)$/i.test(String(v))) {
      const msg = MSG_KEYS.map((m) => rec[m]).find((m) => typeof m === 'string' && m.length > 0);
      return { ok: false, reason: `card service ${k}=${String(v)}${msg ? `: ${String(msg).slice(0, 200)}` : ''}` };
    }
    break;
  }
  const found = findBasicInfo(obj, 0);
  return found ? { ok: true, basicInfo: found } : { ok: false, reason: 'reply holds no basic-info string' };
}

function findBasicInfo(v: unknown, depth: number): string | null {
  if (typeof v === 'string') return countBars(v) >= 10 ? v : null;
  if (!v || typeof v !== 'object' || depth > 3) return null;
  for (const x of Object.values(v as Record<string, unknown>)) {
    const f = findBasicInfo(x, depth + 1);
    if (f) return f;
  }
  return null;
}

function countBars(s: string): number {
  let n = 0;
  for (const c of s) if (c === '|') n++;
  return n;
}

export class CardServiceReader extends EventEmitter<CardReaderEvents> {
  readonly deviceId: string;
  private closed = false;

  private constructor(
    private readonly ws: WebSocket,
    private readonly opts: CardServiceReaderOptions,
  ) {
    super();
    this.deviceId = opts.deviceId;
    ws.on('message', (data, isBinary) => this.onMessage(isBinary ? null : data.toString()));
    ws.on('error', (e) => emitDeviceError(this, { deviceId: this.deviceId, reason: `card service: ${messageOf(e)}` }));
    ws.on('close', () => {
      if (this.closed) return;
      this.closed = true;
      this.emit('close');
    });
  }

  /** Connect to the service; rejects when it does not answer. */
  static connect(opts: CardServiceReaderOptions): Promise<CardServiceReader> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(opts.url, { handshakeTimeout: opts.connectTimeoutMs ?? 3000 });
      const fail = (e: unknown) => {
        ws.removeAllListeners();
        ws.on('error', () => undefined);
        ws.terminate();
        reject(e instanceof Error ? e : new Error(String(e)));
      };
      ws.once('error', fail);
      ws.once('unexpected-response', (_req, res) => fail(new Error(`HTTP ${res.statusCode}`)));
      ws.once('open', () => {
        ws.removeAllListeners();
        resolve(new CardServiceReader(ws, opts));
      });
    });
  }

  /** Ask the service to read the card; the answer arrives as 'identity' or 'error'. */
  requestRead(): Promise<boolean> {
    if (this.closed || this.ws.readyState !== WebSocket.OPEN) return Promise.resolve(false);
    return new Promise((resolve) => {
      this.ws.send(JSON.stringify({ function: 'iReadCardBas', iType: this.opts.iType ?? 3 }), (err) => {
        if (err) emitDeviceError(this, { deviceId: this.deviceId, reason: `card service send: ${err.message}` });
        resolve(!err);
      });
    });
  }

  async dispose(): Promise<void> {
    this.closed = true;
    this.ws.removeAllListeners('message');
    if (this.ws.readyState === WebSocket.OPEN || this.ws.readyState === WebSocket.CONNECTING) {
      await new Promise<void>((resolve) => {
        this.ws.once('close', () => resolve());
        this.ws.close();
        setTimeout(() => {
          this.ws.terminate();
          resolve();
        }, 1000).unref();
      });
    }
  }

  private onMessage(text: string | null): void {
    if (text === null) {
      emitDeviceError(this, { deviceId: this.deviceId, reason: 'card service sent a binary frame' });
      return;
    }
    const reply = parseCardServiceReply(text);
    if (!reply.ok) {
      emitDeviceError(this, { deviceId: this.deviceId, reason: reply.reason });
      return;
    }
    let today: string;
    try {
      today = this.opts.today();
    } catch (e) {
      emitDeviceError(this, { deviceId: this.deviceId, reason: `today(): ${messageOf(e)}` });
      return;
    }
    const r = decodeBasicInfoString(reply.basicInfo, { today, deviceId: this.deviceId });
    if (r.ok) this.emit('identity', r.identity);
    else emitDeviceError(this, { deviceId: this.deviceId, reason: `${r.field}: ${r.reason}`, field: r.field });
  }
}
