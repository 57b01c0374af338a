/**
 * Step 2's key for readers with a security module: the key service (the hospital's or the
 * province's key machine) is sent step 1's output and answers with the key, or a file holds a key
 * that does not change. The key is handed to the library as the bytes received, NUL-terminated.
 */
import fs from 'node:fs/promises';
import type { VendorLibraryConfig } from '../config.js';
import { messageOf } from '../events.js';

export type KeySource = NonNullable<VendorLibraryConfig['hsm']>['key'];

export async function hsmKey(src: KeySource, step1Out: Buffer): Promise<{ ok: true; key: Buffer } | { ok: false; reason: string }> {
  if (src.kind === 'file') {
    try {
      const key = (await fs.readFile(src.path)).toString('latin1').trim();
      return key ? { ok: true, key: Buffer.from(key, 'latin1') } : { ok: false, reason: `密钥文件 ${src.path} 为空` };
    } catch (e) {
      return { ok: false, reason: `无法读取密钥文件 ${src.path}：${(e as NodeJS.ErrnoException).code ?? messageOf(e)}` };
    }
  }
  try {
    const res = await fetch(src.url, { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: new Uint8Array(step1Out), signal: AbortSignal.timeout(src.timeoutMs) });
    const body = Buffer.from(await res.arrayBuffer());
    if (!res.ok) return { ok: false, reason: `密钥服务 ${src.url} 返回 HTTP ${res.status}` };
    const key = body.toString('latin1').trim();
    return key ? { ok: true, key: Buffer.from(key, 'latin1') } : { ok: false, reason: `密钥服务 ${src.url} 返回了空密钥` };
  } catch (e) {
    const name = (e as Error).name;
    return { ok: false, reason: name === 'TimeoutError' ? `密钥服务 ${src.url} ${src.timeoutMs} 毫秒内没有应答` : `无法连接密钥服务 ${src.url}：${messageOf((e as { cause?: unknown }).cause ?? e)}` };
  }
}
