/**
 * An HTTP CONNECT tunnel through a proxy or front-end processor: the TLS session to the center then
 * runs inside it, end to end (the proxy sees only the host name and encrypted bytes).
 */
import http from 'node:http';
import type net from 'node:net';

export interface ProxyTarget {
  host: string;
  port: number;
  /** "Basic …" when the proxy asks for credentials */
  authorization?: string;
}

const CONNECT_TIMEOUT_MS = 10_000;

export class ProxyError extends Error {
  constructor(message: string, readonly code: string) {
    super(message);
    this.name = 'ProxyError';
  }
}

/** proxy URL (http://[user:pass@]host:port) → where to connect; the credentials become a header */
export function proxyTarget(url: string, auth?: string): ProxyTarget {
  const u = new URL(url);
  if (u.protocol !== 'http:') throw new Error(`proxy must be an http:// URL, got ${u.protocol}`);
  const creds = auth ?? (u.username ? `${decodeURIComponent(u.username)}:${decodeURIComponent(u.password)}` : undefined);
  return {
    host: u.hostname.replace(/^\[|\]$/g, ''),
    port: Number(u.port) || 80,
    authorization: creds ? `Basic ${Buffer.from(creds, 'utf8').toString('base64')}` : undefined,
  };
}

export function openTunnel(proxy: ProxyTarget, host: string, port: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const authority = `${host.includes(':') ? `[${host}]` : host}:${port}`;
    const req = http.request({
      host: proxy.host,
      port: proxy.port,
      method: 'CONNECT',
      path: authority,
      headers: { host: authority, ...(proxy.authorization ? { 'proxy-authorization': proxy.authorization } : {}) },
      agent: false,
    });
    const timer = setTimeout(() => req.destroy(new ProxyError(`proxy ${proxy.host}:${proxy.port} did not open the tunnel within ${CONNECT_TIMEOUT_MS} ms`, 'EPROXYTIMEOUT')), CONNECT_TIMEOUT_MS);
    req.once('connect', (res, socket) => {
      clearTimeout(timer);
      if (res.statusCode !== 200) {
        socket.destroy();
        reject(new ProxyError(`proxy ${proxy.host}:${proxy.port} refused CONNECT ${authority}: HTTP ${res.statusCode}`, res.statusCode === 407 ? 'EPROXYAUTH' : 'EPROXYREFUSED'));
        return;
      }
      resolve(socket);
    });
    req.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    req.end();
  });
}
