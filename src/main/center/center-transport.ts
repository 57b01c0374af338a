/**
 * The configured way to the center, built once from `center.*`: the keys (a 0600 file or the OS key
 * store), the signing chain, the TLS material and proxy, the poster that sends, and the certificates
 * to watch. A file that cannot be read or a key that does not fit fails here, at start, naming the
 * field — a terminal never starts sending unsigned because a key went missing.
 */
import fs from 'node:fs';
import type { CenterConfig } from './config.js';
import { certificatesOfPem, createPeerCertificates, type CertificateView } from './http/certificates.js';
import { createHttpPoster, type TlsMaterial } from './http/poster.js';
import { proxyTarget, type ProxyTarget } from './http/tunnel.js';
import { createTransportChain, sm4KeyBytes } from './signing/chain.js';
import { activeSchemes, type SchemeName } from './signing/config.js';
import { sm2BasePointMultiply } from './signing/gm/sm2.js';
import { loadSigningSecrets } from './signing/secrets.js';
import type { HttpPost, TransportChain } from './transport.js';

export class CenterSetupError extends Error {
  constructor(readonly field: string, message: string) {
    super(`${field}: ${message}`);
    this.name = 'CenterSetupError';
  }
}

/** what a simulator must expect to verify this terminal (the embedded default mirrors the configuration) */
export interface SimulatorExpectation {
  schemes: SchemeName[];
  tif?: { paasid: string; secret: string; postToInfno: boolean };
  sm3Key?: string;
  terminalPublicKey?: Buffer;
  sm4Key?: Buffer;
  userId: string;
  signatureFormat: 'der' | 'raw';
}

export interface CenterTransport {
  post: HttpPost;
  /** null: nothing is signed */
  chain: TransportChain | null;
  /** the schemes by name ("none" when nothing is signed) */
  schemes: string;
  tls: TlsMaterial;
  proxy: ProxyTarget | null;
  warnDays: number;
  /** the client certificate, the CAs and the last certificate each center host presented */
  certificates(now?: Date): CertificateView[];
  /** the embedded simulator's side of this configuration, or undefined when nothing is signed */
  simulatorExpectation(): SimulatorExpectation | undefined;
  close(): void;
}

function readFile(field: string, file: string): Buffer {
  try {
    return fs.readFileSync(file);
  } catch (e) {
    throw new CenterSetupError(field, `无法读取 ${file} / cannot read ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
}

export function createCenterTransport(c: Pick<CenterConfig, 'signing' | 'tls' | 'proxy'>): CenterTransport {
  let secrets;
  try {
    secrets = loadSigningSecrets(c.signing);
  } catch (e) {
    throw new CenterSetupError(c.signing.secretsFile ? 'center.signing.secretsFile' : 'center.signing.keyStore', (e as Error).message);
  }
  let chain: TransportChain | null;
  try {
    chain = createTransportChain(c.signing, secrets);
  } catch (e) {
    throw new CenterSetupError('center.signing', (e as Error).message);
  }
  const tls: TlsMaterial = {
    ca: c.tls.caFile ? readFile('center.tls.caFile', c.tls.caFile) : undefined,
    cert: c.tls.certFile ? readFile('center.tls.certFile', c.tls.certFile) : undefined,
    key: c.tls.keyFile ? readFile('center.tls.keyFile', c.tls.keyFile) : undefined,
    passphrase: secrets?.values.tlsKeyPassphrase,
    servername: c.tls.servername,
  };
  for (const [field, pem] of [['center.tls.caFile', tls.ca], ['center.tls.certFile', tls.cert]] as const) {
    if (pem && certificatesOfPem(pem, 'ca', field, new Date(), 30).length === 0) throw new CenterSetupError(field, 'holds no PEM certificate (-----BEGIN CERTIFICATE-----)');
  }
  const proxy = c.proxy ? proxyTarget(c.proxy.url, secrets?.values.proxyAuth) : null;
  const peers = createPeerCertificates();
  const poster = createHttpPoster({ tls, proxy, onPeerCertificate: (host, cert) => peers.observe(host, cert) });
  const warnDays = c.tls.expiryWarningDays;

  return {
    post: poster.post,
    chain,
    schemes: chain ? chain.schemes.join('+') : 'none',
    tls,
    proxy,
    warnDays,
    certificates(now = new Date()) {
      return [
        ...peers.list(now, warnDays),
        ...(tls.cert && c.tls.certFile ? certificatesOfPem(tls.cert, 'client', c.tls.certFile, now, warnDays) : []),
        ...(tls.ca && c.tls.caFile ? certificatesOfPem(tls.ca, 'ca', c.tls.caFile, now, warnDays) : []),
      ];
    },
    simulatorExpectation() {
      if (!chain) return undefined;
      const v = secrets?.values ?? {};
      const tif = c.signing.tifHeader;
      return {
        schemes: activeSchemes(c.signing),
        tif: tif && v.tifSecret ? { paasid: tif.paasid, secret: v.tifSecret, postToInfno: tif.postToInfno } : undefined,
        sm3Key: v.sm3Key,
        terminalPublicKey: v.sm2PrivateKey ? sm2BasePointMultiply(Buffer.from(v.sm2PrivateKey, 'base64')) : undefined,
        sm4Key: v.sm4Key ? sm4KeyBytes(v.sm4Key) : undefined,
        userId: c.signing.sm2.userId,
        signatureFormat: c.signing.sm2.signatureFormat,
      };
    },
    close() {
      poster.close();
      chain?.close();
    },
  };
}
