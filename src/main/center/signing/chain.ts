/**
 * The signing / encryption chain the configuration names (config.ts), built once with its keys.
 * Parts apply in a fixed order — the envelope's body (sm4-envelope), then cainfo (sm3 / sm2), then
 * the HTTP headers (tif-header) — so each signature covers what the part before it wrote.
 */
import type { SealContext, SealedRequest, TransportChain } from '../transport.js';
import { sm2Cainfo, sm3Cainfo } from './cainfo.js';
import { activeSchemes, type SigningConfig } from './config.js';
import { createSm2Signer, type Sm2Signer } from './gm/sm2.js';
import { createSm4Codec } from './gm/sm4.js';
import type { LoadedSecrets } from './secrets.js';
import { SecretsError } from './secrets.js';
import { sealSm4Envelope, sm4DecryptJson, verifyFields } from './sm4-envelope.js';
import { tifHeaders } from './tif-header.js';

export function sm4KeyBytes(text: string): Buffer {
  return /^[0-9a-fA-F]{32}$/.test(text) ? Buffer.from(text, 'hex') : Buffer.from(text, 'base64');
}

/** null when nothing is signed ("none" or no scheme): the client sends the plain envelope. */
export function createTransportChain(config: SigningConfig, secrets: LoadedSecrets | null): TransportChain | null {
  const schemes = activeSchemes(config);
  if (schemes.length === 0) return null;
  const v = secrets?.values ?? {};
  const from = secrets ? ` (${secrets.source})` : '';
  const need = <K extends keyof typeof v>(key: K, scheme: string): NonNullable<(typeof v)[K]> => {
    const x = v[key];
    if (x === undefined) throw new SecretsError(`${scheme} 需要密钥 ${String(key)} / ${scheme} needs ${String(key)}${from}`);
    return x as NonNullable<(typeof v)[K]>;
  };
  const has = (s: string) => schemes.includes(s as (typeof schemes)[number]);
  const format = config.sm2.signatureFormat;

  let signer: Sm2Signer | null = null;
  if (has('sm2-cainfo') || has('sm4-envelope')) {
    const scheme = has('sm4-envelope') ? 'sm4-envelope' : 'sm2-cainfo';
    try {
      signer = createSm2Signer({
        privateKey: Buffer.from(need('sm2PrivateKey', scheme), 'base64'),
        publicKey: v.sm2PublicKey ? Buffer.from(v.sm2PublicKey, 'base64') : undefined,
        userId: config.sm2.userId,
      });
    } catch (e) {
      if (e instanceof SecretsError) throw e;
      throw new SecretsError(`SM2 密钥无效 / the SM2 key is not usable${from}: ${(e as Error).message}`);
    }
  }
  const sm4 = has('sm4-envelope') ? createSm4Codec(sm4KeyBytes(need('sm4Key', 'sm4-envelope'))) : null;
  const tifSecret = has('tif-header') ? need('tifSecret', 'tif-header') : null;
  const tif = config.tifHeader;
  const centerKey = config.sm2.centerPublicKey ? Buffer.from(config.sm2.centerPublicKey, 'base64') : null;

  return {
    schemes,
    seal(envelope: Record<string, unknown>, ctx: SealContext): SealedRequest {
      let env = envelope;
      if (sm4 && signer) env = sealSm4Envelope(env, { sm4, signer, format });
      if (has('sm3-cainfo')) {
        env = { ...env, signtype: config.cainfo.signtype ?? 'SM3', cainfo: '' };
        env.cainfo = sm3Cainfo(env, v.sm3Key);
      } else if (has('sm2-cainfo') && signer) {
        env = { ...env, signtype: config.cainfo.signtype ?? 'SM2', cainfo: '' };
        env.cainfo = sm2Cainfo(env, signer, format);
      }
      let url = ctx.url;
      let headers: Record<string, string> = {};
      if (tif && tifSecret !== null) {
        if (tif.postToInfno) url = `${ctx.baseUrl.replace(/\/+$/, '')}/${ctx.infno}`;
        headers = tifHeaders(tif, tifSecret, ctx.now, ctx.infno);
      }
      return { url, headers, body: JSON.stringify(env) };
    },
    openReply(reply: Record<string, unknown>): unknown {
      if (sm4 && centerKey && !verifyFields(reply, centerKey, format, config.sm2.userId)) {
        throw new Error('应答签名 signData 缺失或验证失败 / the reply signature (signData) is missing or wrong');
      }
      const output = reply.output;
      if (typeof output === 'string' && sm4) return sm4DecryptJson(sm4, output);
      return output;
    },
    close() {
      signer?.close();
    },
  };
}
