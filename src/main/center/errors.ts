/** Errors of the center client: what went wrong decides what the sync worker does next. */

export type CenterErrorKind =
  /** no connection, refused, reset: the message surely or possibly did not arrive */
  | 'unreachable'
  /** no answer in time: the center may have applied it (resolve by resending the same msgid / 2601) */
  | 'timeout'
  /** HTTP 5xx, not JSON, not the envelope, or output failing the schema */
  | 'bad_reply'
  /** a business refusal: infcode != 0, with the center's err_msg */
  | 'refused';

const RAW_BODY_LIMIT = 2000;

export class CenterError extends Error {
  readonly kind: CenterErrorKind;
  readonly infno: string;
  readonly msgid: string;
  readonly infcode: number | null;
  /** the center's own text (Chinese), for refusals */
  readonly err_msg: string | null;
  readonly httpStatus: number | null;
  /** the reply body, truncated */
  readonly rawBody: string | null;
  /** for bad_reply: the dotted path of the field that failed, when known */
  readonly field: string | null;

  constructor(
    kind: CenterErrorKind,
    message: string,
    details: {
      infno: string;
      msgid: string;
      infcode?: number | null;
      err_msg?: string | null;
      httpStatus?: number | null;
      rawBody?: string | null;
      field?: string | null;
      cause?: unknown;
    },
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'CenterError';
    this.kind = kind;
    this.infno = details.infno;
    this.msgid = details.msgid;
    this.infcode = details.infcode ?? null;
    this.err_msg = details.err_msg ?? null;
    this.httpStatus = details.httpStatus ?? null;
    this.rawBody = details.rawBody == null ? null : truncate(details.rawBody);
    this.field = details.field ?? null;
  }
}

/** Thrown before sending when the caller's input fails the transaction's schema (a bug, not the center). */
export class CenterInputError extends Error {
  constructor(message: string, readonly infno: string, readonly field: string) {
    super(message);
    this.name = 'CenterInputError';
  }
}

export function isCenterError(e: unknown): e is CenterError {
  return e instanceof CenterError;
}

function truncate(s: string): string {
  return s.length > RAW_BODY_LIMIT ? `${s.slice(0, RAW_BODY_LIMIT)}…(${s.length} chars)` : s;
}

/**
 * What the cashier is told about a center error: the center's own words for a refusal, else what went
 * wrong on the way. The router shows it; the sync worker keeps it as the settlement's last error.
 */
export function centerErrorText(err: CenterError): string {
  switch (err.kind) {
    case 'refused':
      return err.err_msg ?? err.message;
    case 'bad_reply':
      return `医保中心返回无法识别的应答 / the center's reply could not be read: ${err.message}`;
    default:
      return `无法连接医保中心 / the center cannot be reached (${err.kind})`;
  }
}
