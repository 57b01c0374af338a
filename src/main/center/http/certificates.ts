/**
 * Certificates the admin must renew in time: the center's (seen at each new TLS connection), the
 * terminal's client certificate and the trusted CAs (read from their files). Each with its expiry
 * and whether it falls within the warning window (a month by default).
 */
import { X509Certificate } from 'node:crypto';
import type tls from 'node:tls';

export interface CertificateView {
  role: 'server' | 'client' | 'ca';
  /** the file it was read from, or the host that presented it */
  source: string;
  subject: string;
  issuer: string;
  validFrom: string;
  validTo: string;
  daysLeft: number;
  expired: boolean;
  expiresSoon: boolean;
}

const DAY = 86_400_000;

/** "CN=a\nO=b" (X509Certificate) or {CN, O} (a peer certificate) → "CN=a, O=b" */
function nameText(n: string | Record<string, unknown> | undefined): string {
  if (!n) return '';
  if (typeof n === 'string') return n.split('\n').filter(Boolean).join(', ');
  return Object.entries(n).map(([k, v]) => `${k}=${Array.isArray(v) ? v.join('+') : String(v)}`).join(', ');
}

function view(role: CertificateView['role'], source: string, subject: string, issuer: string, from: Date, to: Date, now: Date, warnDays: number): CertificateView {
  const daysLeft = Math.floor((to.getTime() - now.getTime()) / DAY);
  return { role, source, subject, issuer, validFrom: from.toISOString(), validTo: to.toISOString(), daysLeft, expired: to.getTime() <= now.getTime(), expiresSoon: daysLeft < warnDays };
}

/** every certificate of a PEM file (a CA bundle holds several) */
export function certificatesOfPem(pem: Buffer | string, role: CertificateView['role'], source: string, now: Date, warnDays: number): CertificateView[] {
  const blocks = String(pem).match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? [];
  return blocks.map((b) => {
    const c = new X509Certificate(b);
    return view(role, source, nameText(c.subject), nameText(c.issuer), new Date(c.validFrom), new Date(c.validTo), now, warnDays);
  });
}

export function peerCertificateView(cert: tls.PeerCertificate, host: string, now: Date, warnDays: number): CertificateView {
  return view('server', host, nameText(cert.subject as unknown as Record<string, unknown>), nameText(cert.issuer as unknown as Record<string, unknown>), new Date(cert.valid_from), new Date(cert.valid_to), now, warnDays);
}

/** the last certificate each host presented */
export function createPeerCertificates() {
  const seen = new Map<string, tls.PeerCertificate>();
  return {
    observe(host: string, cert: tls.PeerCertificate) {
      seen.set(host, cert);
    },
    list(now: Date, warnDays: number): CertificateView[] {
      return [...seen].map(([host, c]) => peerCertificateView(c, host, now, warnDays));
    },
  };
}
