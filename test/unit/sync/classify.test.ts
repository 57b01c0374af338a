import { describe, expect, it } from 'vitest';
import { CenterError } from '../../../src/main/center/index.js';
import { AppError } from '../../../src/main/router.js';
import { classifySendError, STATE_CHANGING, withCause } from '../../../src/main/sync/classify.js';

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

  it('a business refusal keeps the infcode', () => {
    expect(classifySendError(ce('refused', { infcode: -3, err_msg: '拒绝' }))).toMatchObject({ kind: 'refused', infcode: -3 });
  });

  it('reads the CenterError behind the AppError the app throws, keeping the app message', () => {
    const app = withCause(new AppError('CENTER_UNREACHABLE', '无法连接医保中心'), ce('timeout'));
    expect(classifySendError(app)).toMatchObject({ kind: 'unknown', failure: 'timeout', message: '无法连接医保中心' });
  });

  it('without a cause, the AppError code decides; anything else is local (not sent)', () => {
    expect(classifySendError(new AppError('CENTER_REFUSED', 'r')).kind).toBe('refused');
    expect(classifySendError(new AppError('CENTER_UNREACHABLE', 'u')).kind).toBe('unknown');
    expect(classifySendError(new AppError('CENTER_BAD_REPLY', 'b')).kind).toBe('unknown');
    expect(classifySendError(new Error('bug')).kind).toBe('local');
  });

  it('2601 is needed for settlements, registrations and reversals, not for pre-settlement or fee upload', () => {
    expect([...STATE_CHANGING].sort()).toEqual(['2102', '2103', '2201', '2207', '2208']);
  });
});
