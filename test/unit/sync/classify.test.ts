import { describe, expect, it } from 'vitest';
import { CenterError } from '../../../src/main/center/index.js';
import { AppError } from '../../../src/main/errors.js';
import { classifySendError, STATE_CHANGING } from '../../../src/main/sync/classify.js';

const ce = (kind: 'unreachable' | 'timeout' | 'bad_reply' | 'refused', extra: Record<string, unknown> = {}) =>
  new CenterError(kind, `x ${kind}`, { infno: '2102', msgid: 'M', ...extra });

describe('what became of a send', () => {
  it('a refused connection never reached the center: unsent', () => {
    const err = ce('unreachable', { cause: Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } }) });
    expect(classifySendError(err)).toMatchObject({ kind: 'unsent', failure: 'network' });
  });

  it('a dropped connection, a timeout, a 5xx or an unreadable body may have been applied: unknown', () => {
    const dropped = ce('unreachable', { cause: Object.assign(new TypeError('fetch failed'), { cause: { code: 'UND_ERR_SOCKET' } }) });
    expect(classifySendError(dropped)).toMatchObject({ kind: 'unknown', failure: 'network' });
    expect(classifySendError(ce('timeout'))).toMatchObject({ kind: 'unknown', failure: 'timeout' });
    expect(classifySendError(ce('bad_reply', { httpStatus: 502, rawBody: '<html>' }))).toMatchObject({ kind: 'unknown', failure: 'http', httpStatus: 502, rawBody: '<html>' });
    expect(classifySendError(ce('bad_reply', { httpStatus: 200, rawBody: 'x' }))).toMatchObject({ kind: 'unknown', failure: 'bad_reply' });
  });

  it('a certificate the terminal refused, or a gateway that refused the request, never reached the center: unsent', () => {
    const tls = ce('unreachable', { cause: Object.assign(new Error('certificate has expired'), { code: 'CERT_HAS_EXPIRED' }) });
    expect(classifySendError(tls)).toMatchObject({ kind: 'unsent', failure: 'network' });
    expect(classifySendError(ce('bad_reply', { httpStatus: 401, rawBody: 'signature' }))).toMatchObject({ kind: 'unsent', failure: 'http', httpStatus: 401 });
    expect(classifySendError(ce('bad_reply', { httpStatus: 400, rawBody: 'x' }))).toMatchObject({ kind: 'unknown' });
  });

  it('a business refusal keeps the infcode', () => {
    expect(classifySendError(ce('refused', { infcode: -3, err_msg: '拒绝' }))).toMatchObject({ kind: 'refused', infcode: -3 });
  });

  // The center gateway throws the client's CenterError unchanged (no AppError round trip): its
  // message for the worker is what the cashier is told, the same text the router shows for a call.
  it('keeps the cashier’s text: the center’s own words for a refusal, else what went wrong on the way', () => {
    expect(classifySendError(ce('refused', { infcode: -1, err_msg: '人员参保状态异常' }))).toMatchObject({ kind: 'refused', message: '人员参保状态异常' });
    expect(classifySendError(ce('timeout')).message).toBe('无法连接医保中心 / the center cannot be reached (timeout)');
    expect(classifySendError(ce('bad_reply', { httpStatus: 200 })).message).toContain('医保中心返回无法识别的应答');
  });

  it('anything that is not a CenterError failed here, before leaving: local (not sent)', () => {
    expect(classifySendError(new AppError('CENTER_REFUSED', 'r')).kind).toBe('local');
    expect(classifySendError(new AppError('CENTER_UNREACHABLE', 'u')).kind).toBe('local');
    expect(classifySendError(new Error('bug')).kind).toBe('local');
  });

  it('2601 is needed for settlements, registrations and reversals, not for pre-settlement or fee upload', () => {
    expect([...STATE_CHANGING].sort()).toEqual(['2102', '2103', '2201', '2207', '2208']);
  });
});
