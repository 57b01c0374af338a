/**
 * The terminal's client for the insurance center: builds the national envelope, encodes the
 * fen-typed input to wire yuan, POSTs it, and decodes the reply back to fen — or throws a
 * CenterError whose `kind` tells the caller whether the message may have been applied.
 * No retries here: the sync worker decides (resending the same msgid is safe).
 */
import { z } from 'zod';
import { INFVER, ResponseEnvelope, isSuccessInfcode, type OutputDecrypter, type RequestEnvelope } from './envelope.js';
import { CenterError, CenterInputError } from './errors.js';
import { isValidMsgid } from './msgid.js';
import { centerTransactions, type Infno, type TxInput, type TxOutput } from './registry.js';
import { defaultPoster } from './http/default-poster.js';
import { formatInfTime } from './time.js';
import { CONTENT_TYPE, serviceUrl, type HttpPost, type TransportChain, type TransportSigner } from './transport.js';
import { describeIssue } from './wire.js';

export interface CenterClientOptions {
  /** base URL; the client POSTs to {url}/fsi/api/rsfComIfsService/callService */
  url: string;
  fixmedins_code: string;
  fixmedins_name: string;
  /** division where treated (就医地), e.g. 530600 */
  mdtrtarea_admvs: string;
  opter: string;
  opter_name: string;
  dev_no?: string;
  /** per call, covering connect, send and reading the reply; default 30 000 ms */
  timeoutMs?: number;
  signer?: TransportSigner;
  now?: () => Date;
  /** recer_sys_code; default 'YBXT' */
  recer_sys_code?: string;
  /** opter_type: 1 staff (default), 2 self-service, 3 mobile */
  opter_type?: '1' | '2' | '3';
  /** turns an encrypted `output` string back into JSON (regions that encrypt) */
  decryptOutput?: OutputDecrypter;
  /** the configured signing / encryption schemes (signing/chain.ts); null or absent: plain */
  chain?: TransportChain | null;
  /** how the bytes travel (TLS material, proxy: http/poster.ts); default plain node:http(s) */
  post?: HttpPost;
}

export interface CallMeta {
  msgid: string;
  /** division where the person is insured (参保地) */
  insuplc_admdvs: string;
  /** from 9001 */
  sign_no?: string;
}

/** A successful call's decoded output plus the reply's envelope details, for logs and audits. */
export interface CallResult<K extends Infno> {
  output: TxOutput<K>;
  inf_refmsgid: string | null;
  warn_msg: string | null;
}

export interface CenterClient {
  readonly url: string;
  /** Sends one transaction; resolves with the decoded (fen) output, or throws CenterError. */
  call<K extends Infno>(infno: K, input: TxInput<K>, meta: CallMeta): Promise<TxOutput<K>>;
  /** Same as call, with the envelope details of the reply. */
  callDetailed<K extends Infno>(infno: K, input: TxInput<K>, meta: CallMeta): Promise<CallResult<K>>;
  signIn(meta: CallMeta, input?: Partial<TxInput<'9001'>['signIn']>): Promise<TxOutput<'9001'>['signinoutb']>;
  personInfo(data: TxInput<'1101'>['data'], meta: CallMeta): Promise<TxOutput<'1101'>>;
  register2201(data: TxInput<'2201'>['data'], meta: CallMeta): Promise<TxOutput<'2201'>['data']>;
  uploadFees2204(feedetail: TxInput<'2204'>['feedetail'], meta: CallMeta): Promise<TxOutput<'2204'>['result']>;
  preSettle2206(data: TxInput<'2206'>['data'], meta: CallMeta): Promise<TxOutput<'2206'>>;
  settle2207(data: TxInput<'2207'>['data'], meta: CallMeta): Promise<TxOutput<'2207'>>;
  reverse2208(data: TxInput<'2208'>['data'], meta: CallMeta): Promise<TxOutput<'2208'>>;
  pharmacyPreSettle2101(input: TxInput<'2101'>, meta: CallMeta): Promise<TxOutput<'2101'>>;
  pharmacySettle2102(input: TxInput<'2102'>, meta: CallMeta): Promise<TxOutput<'2102'>>;
  pharmacyReverse2103(data: TxInput<'2103'>['data'], meta: CallMeta): Promise<TxOutput<'2103'>>;
}

const DEFAULT_TIMEOUT_MS = 30_000;

export function createCenterClient(opts: CenterClientOptions): CenterClient {
  const endpoint = serviceUrl(opts.url);
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const now = opts.now ?? (() => new Date());
  const post = opts.post ?? defaultPoster();

  function envelope(infno: Infno, wireInput: unknown, meta: CallMeta): RequestEnvelope {
    return {
      infno,
      msgid: meta.msgid,
      mdtrtarea_admvs: opts.mdtrtarea_admvs,
      insuplc_admdvs: meta.insuplc_admdvs,
      recer_sys_code: opts.recer_sys_code ?? 'YBXT',
      dev_no: opts.dev_no ?? '',
      dev_safe_info: '',
      cainfo: '',
      signtype: '',
      infver: INFVER,
      opter_type: opts.opter_type ?? '1',
      opter: opts.opter,
      opter_name: opts.opter_name,
      inf_time: formatInfTime(now()),
      fixmedins_code: opts.fixmedins_code,
      fixmedins_name: opts.fixmedins_name,
      sign_no: meta.sign_no ?? '',
      input: wireInput,
    };
  }

  async function callDetailed<K extends Infno>(infno: K, input: TxInput<K>, meta: CallMeta): Promise<CallResult<K>> {
    const tx = centerTransactions[infno];
    if (!tx) throw new CenterInputError(`unknown transaction ${infno}`, infno, 'infno');
    if (!isValidMsgid(meta.msgid)) {
      throw new CenterInputError(`msgid must be 12 + yyyyMMddHHmmss + 4 digits: ${meta.msgid}`, infno, 'msgid');
    }
    const encoded = z.safeEncode(tx.input as z.ZodType, input);
    if (!encoded.success) {
      const { field, message } = describeIssue(encoded.error, 'input');
      throw new CenterInputError(`${infno} ${tx.name}: ${message}`, infno, field);
    }
    const request = envelope(infno, encoded.data, meta);
    // the chain signs / encrypts what it is configured to; a key problem here is local: nothing left
    const sealed = opts.chain
      ? opts.chain.seal(request, { baseUrl: opts.url, url: endpoint, infno, msgid: meta.msgid, now: now() })
      : { url: endpoint, headers: {}, body: JSON.stringify(request) };
    const { body } = sealed;
    const details = { infno, msgid: meta.msgid };

    const headers: Record<string, string> = { 'content-type': CONTENT_TYPE, accept: 'application/json', ...sealed.headers };
    if (opts.signer) Object.assign(headers, await opts.signer.headers({ url: sealed.url, body, infno, msgid: meta.msgid }));

    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(new TimeoutSignal()), timeoutMs);
    let status: number;
    let text: string;
    try {
      ({ status, text } = await post(sealed.url, { headers, body, signal: controller.signal }));
    } catch (err) {
      if (controller.signal.aborted) {
        throw new CenterError('timeout', `${infno} ${tx.name}: no reply within ${timeoutMs} ms`, { ...details, cause: err });
      }
      throw new CenterError('unreachable', `${infno} ${tx.name}: center unreachable (${networkReason(err)})`, {
        ...details,
        cause: err,
      });
    } finally {
      clearTimeout(timer);
    }

    if (status < 200 || status >= 300) {
      // a gateway in front of the center (signature, routing) says why in a JSON of its own
      const said = replyMessage(text);
      throw new CenterError('bad_reply', `${infno} ${tx.name}: HTTP ${status}${said ? `: ${said}` : ''}`, { ...details, httpStatus: status, rawBody: text });
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new CenterError('bad_reply', `${infno} ${tx.name}: the reply is not JSON`, { ...details, httpStatus: status, rawBody: text });
    }
    const env = ResponseEnvelope.safeParse(json);
    if (!env.success) {
      const { field, message } = describeIssue(env.error);
      throw new CenterError('bad_reply', `${infno} ${tx.name}: the reply is not the envelope (${message})`, {
        ...details,
        httpStatus: status,
        rawBody: text,
        field,
      });
    }
    const e = env.data;
    if (!isSuccessInfcode(e.infcode)) {
      const errMsg = e.err_msg ?? '';
      throw new CenterError('refused', `${infno} ${tx.name}: ${errMsg || `infcode ${e.infcode}`}`, {
        ...details,
        infcode: e.infcode,
        err_msg: errMsg,
        httpStatus: status,
        rawBody: text,
      });
    }
    let output: unknown = e.output;
    if (opts.chain) {
      try {
        output = opts.chain.openReply(json as Record<string, unknown>);
      } catch (err) {
        throw new CenterError('bad_reply', `${infno} ${tx.name}: ${(err as Error).message}`, { ...details, httpStatus: status, rawBody: text, field: 'output', cause: err });
      }
    }
    if (typeof output === 'string') {
      if (!opts.decryptOutput) {
        throw new CenterError('bad_reply', `${infno} ${tx.name}: output is encrypted and no decrypter is configured`, {
          ...details,
          httpStatus: status,
          rawBody: text,
          field: 'output',
        });
      }
      try {
        output = opts.decryptOutput(output, e);
      } catch (err) {
        throw new CenterError('bad_reply', `${infno} ${tx.name}: output could not be decrypted (${(err as Error).message})`, {
          ...details,
          httpStatus: status,
          rawBody: text,
          field: 'output',
          cause: err,
        });
      }
    }
    const decoded = z.safeDecode(tx.output as z.ZodType, output);
    if (!decoded.success) {
      const { field, message } = describeIssue(decoded.error, 'output');
      throw new CenterError('bad_reply', `${infno} ${tx.name}: ${message}`, { ...details, httpStatus: status, rawBody: text, field });
    }
    return {
      output: decoded.data as TxOutput<K>,
      inf_refmsgid: e.inf_refmsgid ?? null,
      warn_msg: e.warn_msg ?? null,
    };
  }

  async function call<K extends Infno>(infno: K, input: TxInput<K>, meta: CallMeta): Promise<TxOutput<K>> {
    return (await callDetailed(infno, input, meta)).output;
  }

  return {
    url: opts.url,
    call,
    callDetailed,
    async signIn(meta, input) {
      const out = await call(
        '9001',
        { signIn: { opter_no: input?.opter_no ?? opts.opter, mac: input?.mac, ip: input?.ip } },
        meta,
      );
      return out.signinoutb;
    },
    personInfo: (data, meta) => call('1101', { data }, meta),
    register2201: async (data, meta) => (await call('2201', { data }, meta)).data,
    uploadFees2204: async (feedetail, meta) => (await call('2204', { feedetail }, meta)).result,
    preSettle2206: (data, meta) => call('2206', { data }, meta),
    settle2207: (data, meta) => call('2207', { data }, meta),
    reverse2208: (data, meta) => call('2208', { data }, meta),
    pharmacyPreSettle2101: (input, meta) => call('2101', input, meta),
    pharmacySettle2102: (input, meta) => call('2102', input, meta),
    pharmacyReverse2103: (data, meta) => call('2103', { data }, meta),
  };
}

/** The abort reason for our own timer, so a timeout is never mistaken for a network failure. */
class TimeoutSignal extends Error {
  constructor() {
    super('center call timed out');
    this.name = 'TimeoutError';
  }
}

/** A short reason from a failed request and its cause (ECONNREFUSED, ECONNRESET, …). */
function networkReason(err: unknown): string {
  const cause = (err as { cause?: { code?: string; message?: string } } | null)?.cause;
  // a certificate or proxy problem needs its words too ("refused CONNECT …: HTTP 407")
  if (cause?.code && cause.message && !cause.message.includes(cause.code)) return `${cause.code}: ${cause.message}`;
  return cause?.code ?? cause?.message ?? (err instanceof Error ? err.message : String(err));
}

/** the message / msg / err_msg of a JSON error body, short; null when there is none */
function replyMessage(text: string): string | null {
  try {
    const j = JSON.parse(text) as Record<string, unknown> | null;
    const m = j && typeof j === 'object' ? [j.message, j.msg, j.err_msg, j.errMsg].find((x) => typeof x === 'string' && x.length > 0) : undefined;
    return typeof m === 'string' ? m.slice(0, 200) : null;
  } catch {
    return null;
  }
}
