/**
 * The way the bytes go to the center: node:http / node:https with keep-alive, a private CA bundle,
 * an optional client certificate, and an HTTP proxy or front-end processor (前置机) in between
 * (CONNECT tunnel for https, absolute-form requests for http).
 *
 * Why node:https and not the global fetch: Node 20's fetch (undici 6, bundled) takes CA, client
 * certificate and proxy only through an undici dispatcher, and `undici` is not a dependency of this
 * project (node_modules has 7.x only as an optional part of electron's downloader; a v7 dispatcher
 * under Node 20's v6 fetch is not a supported pairing). node:https does all three with the runtime
 * alone, and works the same inside Electron.
 */
import http from 'node:http';
import https from 'node:https';
import type net from 'node:net';
import type tls from 'node:tls';
import type { HttpPost } from '../transport.js';
import { openTunnel, type ProxyTarget } from './tunnel.js';

export interface TlsMaterial {
  /** PEM bundle of the CAs to trust instead of the system's (centers and front-end processors use private CAs) */
  ca?: Buffer;
  cert?: Buffer;
  key?: Buffer;
  passphrase?: string;
  /** the name to expect in the certificate when the URL holds an IP address */
  servername?: string;
}

export interface PosterOptions {
  tls?: TlsMaterial;
  proxy?: ProxyTarget | null;
  /** every new TLS connection's peer certificate (expiry shown to the admin) */
  onPeerCertificate?(host: string, cert: tls.PeerCertificate): void;
}

const MAX_REPLY = 10 * 1024 * 1024;
/** idle sockets close before the server's keep-alive timeout (ours 5 s) so a reused one is never half-closed */
const IDLE_MS = 4_000;

export class NetworkError extends Error {
  constructor(message: string, cause: unknown) {
    super(message, { cause });
    this.name = 'NetworkError';
  }
}

export interface Poster {
  post: HttpPost;
  close(): void;
}

export function createHttpPoster(o: PosterOptions = {}): Poster {
  const t = o.tls ?? {};
  const proxy = o.proxy ?? null;
  const tlsOptions = { ca: t.ca, cert: t.cert, key: t.key, passphrase: t.passphrase, servername: t.servername };

  const observe = (socket: net.Socket, host: string) => {
    socket.once('secureConnect', () => {
      const cert = (socket as tls.TLSSocket).getPeerCertificate?.();
      if (cert && Object.keys(cert).length > 0) o.onPeerCertificate?.(host, cert);
    });
  };

  class ObservedHttpsAgent extends https.Agent {
    override createConnection(options: https.RequestOptions, cb?: (err: Error | null, s: net.Socket) => void): net.Socket | undefined {
      const host = String(options.host ?? options.hostname ?? '');
      if (!proxy) {
        const s = (https.Agent.prototype as unknown as { createConnection(o: unknown): net.Socket }).createConnection.call(this, options);
        observe(s, host);
        return s;
      }
      // through the proxy: CONNECT first, then TLS inside the tunnel
      openTunnel(proxy, host, Number(options.port) || 443).then(
        (raw) => {
          const s = (https.Agent.prototype as unknown as { createConnection(o: unknown): net.Socket }).createConnection.call(this, { ...options, socket: raw });
          observe(s, host);
          cb?.(null, s);
        },
        (err: Error) => cb?.(err, undefined as unknown as net.Socket),
      );
      return undefined;
    }
  }

  const httpsAgent = new ObservedHttpsAgent({ keepAlive: true, timeout: IDLE_MS, ...tlsOptions });
  const httpAgent = new http.Agent({ keepAlive: true, timeout: IDLE_MS });

  const post: HttpPost = (url, req) =>
    new Promise((resolve, reject) => {
      const u = new URL(url);
      const isHttps = u.protocol === 'https:';
      const headers: Record<string, string | number> = { ...req.headers, 'content-length': Buffer.byteLength(req.body) };
      let options: https.RequestOptions;
      if (isHttps) {
        options = { agent: httpsAgent, host: u.hostname.replace(/^\[|\]$/g, ''), port: u.port || 443, path: u.pathname + u.search, method: 'POST', headers, signal: req.signal };
      } else if (proxy) {
        // plain http through a proxy: the absolute URL as the request target
        if (proxy.authorization) headers['proxy-authorization'] = proxy.authorization;
        options = { agent: httpAgent, host: proxy.host, port: proxy.port, path: u.href, method: 'POST', headers: { ...headers, host: u.host }, signal: req.signal };
      } else {
        options = { agent: httpAgent, host: u.hostname.replace(/^\[|\]$/g, ''), port: u.port || 80, path: u.pathname + u.search, method: 'POST', headers, signal: req.signal };
      }
      const r = (isHttps ? https : http).request(options, (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (c: Buffer) => {
          size += c.length;
          if (size > MAX_REPLY) {
            res.destroy(new Error(`reply larger than ${MAX_REPLY} bytes`));
            return;
          }
          chunks.push(c);
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', (e) => reject(new NetworkError(`reading the reply failed: ${e.message}`, e)));
      });
      r.on('error', (e) => reject(new NetworkError(`request failed: ${e.message}`, e)));
      r.end(req.body);
    });

  return {
    post,
    close() {
      httpsAgent.destroy();
      httpAgent.destroy();
    },
  };
}
