/**
 * A reply as a center of the encrypted channel sends it: the output as an SM4 string (uppercase hex)
 * instead of an object, and signData by the center's key so the terminal can tell it came from here.
 */
import type { ResponseEnvelopeOut } from '../../main/center/envelope.js';
import { signFields, sm4Encrypt } from '../../main/center/signing/sm4-envelope.js';
import type { SimSecurity } from './options.js';

export function sealReply(env: ResponseEnvelopeOut, sec: SimSecurity): ResponseEnvelopeOut {
  if (!sec.schemes.includes('sm4-envelope') || !sec.sm4) return env;
  const sealed: ResponseEnvelopeOut = { ...env, output: env.output === null || env.output === undefined ? env.output : sm4Encrypt(sec.sm4, env.output) };
  if (sec.replySigner) sealed.signData = signFields(sealed, sec.replySigner, sec.format);
  return sealed;
}
