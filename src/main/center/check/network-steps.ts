/**
 * The first three steps of the check, below HTTP: name resolution, the TCP connection (through the
 * proxy's tunnel where one is configured) and the TLS handshake with the configured CA and client
 * certificate — the center's certificate shown with its subject, issuer and expiry.
 */
import dns from 'node:dns';
import net from 'node:net';
import tls from 'node:tls';
import { peerCertificateView } from '../http/certificates.js';
import type { TlsMaterial } from '../http/poster.js';
import { openTunnel, type ProxyTarget } from '../http/tunnel.js';
import { networkReason, tlsReason } from './reasons.js';
import { since, skipped, step, type CheckStep } from './steps.js';

export interface Target {
  /** the center's host and port from center.url */
  host: string;
  port: number;
  https: boolean;
  proxy: ProxyTarget | null;
}

export function targetOf(url: string, proxy: ProxyTarget | null): Target {
  const u = new URL(url);
  const https = u.protocol === 'https:';
  return { host: u.hostname.replace(/^\[|\]$/g, ''), port: Number(u.port) || (https ? 443 : 80), https, proxy };
}

export async function dnsStep(t: Target): Promise<CheckStep> {
  const host = t.proxy?.host ?? t.host;
  const via = t.proxy ? `代理 ${host}` : host;
  if (net.isIP(host)) return step('dns', 'ok', 0, `${via} 是 IP 地址，无需解析${t.proxy ? `；${t.host} 由代理解析` : ''}`);
  const t0 = performance.now();
  try {
    const all = await dns.promises.lookup(host, { all: true });
    return step('dns', 'ok', since(t0), `${via} → ${all.map((a) => a.address).join(', ')}${t.proxy ? `；${t.host} 由代理解析` : ''}`);
  } catch (e) {
    return step('dns', 'failed', since(t0), `无法解析 ${via}`, networkReason(e));
  }
}

function connect(host: string, port: number, timeoutMs: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const s = net.connect({ host, port });
    const timer = setTimeout(() => s.destroy(Object.assign(new Error(`no connection within ${timeoutMs} ms`), { code: 'ETIMEDOUT' })), timeoutMs);
    s.once('connect', () => {
      clearTimeout(timer);
      resolve(s);
    });
    s.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
  });
}

/** TCP to the center (or the proxy, then a CONNECT tunnel for https); the socket is handed to the TLS step */
export async function tcpStep(t: Target, timeoutMs: number): Promise<{ step: CheckStep; socket: net.Socket | null }> {
  const t0 = performance.now();
  const host = t.proxy?.host ?? t.host;
  const port = t.proxy?.port ?? t.port;
  let s: net.Socket;
  try {
    s = await connect(host, port, timeoutMs);
  } catch (e) {
    return { step: step('tcp', 'failed', since(t0), `无法连接 ${host}:${port}${t.proxy ? '（代理）' : ''}`, networkReason(e)), socket: null };
  }
  if (!t.proxy) return { step: step('tcp', 'ok', since(t0), `已连接 ${host}:${port}`), socket: s };
  s.destroy();
  if (!t.https) return { step: step('tcp', 'ok', since(t0), `已连接代理 ${host}:${port}（HTTP 请求由代理转发到 ${t.host}:${t.port}）`), socket: null };
  try {
    const tunnel = await openTunnel(t.proxy, t.host, t.port);
    return { step: step('tcp', 'ok', since(t0), `已连接代理 ${host}:${port}，隧道通到 ${t.host}:${t.port}`), socket: tunnel };
  } catch (e) {
    return { step: step('tcp', 'failed', since(t0), `代理 ${host}:${port} 未能建立到 ${t.host}:${t.port} 的隧道`, networkReason(e)), socket: null };
  }
}

const dateOf = (iso: string) => iso.slice(0, 10);

/**
 * The handshake with what the terminal is configured to trust and present. A server that wants a
 * client certificate says so only after the handshake, so a small request follows: its answer (any)
 * proves the session was accepted.
 */
export async function tlsStep(t: Target, socket: net.Socket | null, material: TlsMaterial, warnDays: number, timeoutMs: number, now: Date): Promise<CheckStep> {
  if (!t.https) {
    socket?.destroy();
    return skipped('tls', '明文 HTTP，未加密（只适合院内前置机；连接医保中心请使用 https）');
  }
  const t0 = performance.now();
  const servername = material.servername ?? (net.isIP(t.host) ? undefined : t.host);
  return new Promise<CheckStep>((resolve) => {
    let done = false;
    const finish = (st: CheckStep) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      s.destroy();
      resolve(st);
    };
    const s = tls.connect({
      ...(socket ? { socket } : { host: t.host, port: t.port }),
      servername,
      ca: material.ca,
      cert: material.cert,
      key: material.key,
      passphrase: material.passphrase,
      // verified below, so the admin sees the certificate even when it is not trusted
      rejectUnauthorized: false,
    });
    // set once the handshake is done: a server that then says nothing still passed the TLS part
    let accepted: CheckStep | null = null;
    const timer = setTimeout(
      () => finish(accepted ?? step('tls', 'failed', since(t0), 'TLS 握手超时', `${timeoutMs} 毫秒内没有完成握手：对方可能不是 HTTPS 服务`)),
      timeoutMs,
    );
    s.once('error', (e) => finish(step('tls', 'failed', since(t0), 'TLS 握手失败', networkReason(e))));
    s.once('secureConnect', () => {
      const cert = s.getPeerCertificate();
      const v = peerCertificateView(cert, t.host, now, warnDays);
      const detail = `主题 ${v.subject}；签发者 ${v.issuer}；有效期至 ${dateOf(v.validTo)}（剩 ${v.daysLeft} 天）；${s.getProtocol() ?? ''}`;
      const authError = s.authorizationError ? String((s.authorizationError as unknown as { code?: string }).code ?? s.authorizationError) : null;
      if (authError) return finish(step('tls', 'failed', since(t0), detail, tlsReason(authError)));
      const nameError = tls.checkServerIdentity(servername ?? t.host, cert);
      if (nameError) return finish(step('tls', 'failed', since(t0), detail, tlsReason((nameError as NodeJS.ErrnoException).code ?? 'ERR_TLS_CERT_ALTNAME_INVALID')));
      const soon = v.expiresSoon ? `服务器证书将于 ${dateOf(v.validTo)} 到期（剩 ${v.daysLeft} 天），请及时联系医保中心或前置机管理员更换` : null;
      accepted = step('tls', soon ? 'warn' : 'ok', since(t0), detail, soon);
      s.once('data', () => finish(step('tls', soon ? 'warn' : 'ok', since(t0), detail, soon)));
      s.write(`HEAD / HTTP/1.1\r\nHost: ${t.host}\r\nConnection: close\r\n\r\n`);
    });
  });
}
