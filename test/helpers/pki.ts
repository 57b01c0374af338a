/**
 * A private CA made for a test with the machine's `openssl` (node:crypto makes keys but not X.509
 * certificates): the CA, a server certificate for 127.0.0.1 / localhost, and a client certificate.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export interface Pki {
  dir: string;
  caFile: string;
  ca: Buffer;
  /** PEM of the server's key and certificate (signed by the CA) */
  server: { key: Buffer; cert: Buffer };
  client: { keyFile: string; certFile: string };
  /** another server certificate from the same CA, valid `days` days (for `name`, and 127.0.0.1 unless `ip` is false) */
  serverValidFor(days: number, name?: string, ip?: boolean): { key: Buffer; cert: Buffer };
  /** a self-signed server certificate no configured CA vouches for */
  stranger: { key: Buffer; cert: Buffer };
}

const ossl = (dir: string, args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });

export function makePki(dir: string): Pki {
  fs.mkdirSync(dir, { recursive: true });
  const p = (f: string) => path.join(dir, f);
  ossl(dir, ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '3650', '-subj', '/CN=Test Center Root CA/O=Zhaotong Test']);

  function issue(name: string, subj: string, days: number, ext: string): void {
    ossl(dir, ['req', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', subj]);
    fs.writeFileSync(p(`${name}.ext`), ext);
    ossl(dir, ['x509', '-req', '-in', `${name}.csr`, '-CA', 'ca.pem', '-CAkey', 'ca.key', '-CAcreateserial', '-out', `${name}.pem`, '-days', String(days), '-extfile', `${name}.ext`]);
  }
  const serverExt = (cn: string, ip = true) => `subjectAltName=DNS:${cn}${ip ? ',DNS:localhost,IP:127.0.0.1' : ''}\nextendedKeyUsage=serverAuth\n`;
  issue('server', '/CN=center.test/O=Zhaotong Test', 825, serverExt('center.test'));
  issue('client', '/CN=H53060200001/O=Test Hospital', 825, 'extendedKeyUsage=clientAuth\n');
  ossl(dir, ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-keyout', 'stranger.key', '-out', 'stranger.pem', '-days', '30', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1']);

  let n = 0;
  return {
    dir,
    caFile: p('ca.pem'),
    ca: fs.readFileSync(p('ca.pem')),
    server: { key: fs.readFileSync(p('server.key')), cert: fs.readFileSync(p('server.pem')) },
    client: { keyFile: p('client.key'), certFile: p('client.pem') },
    serverValidFor(days, name = 'center.test', ip = true) {
      const id = `server${++n}`;
      issue(id, `/CN=${name}/O=Zhaotong Test`, days, serverExt(name, ip));
      return { key: fs.readFileSync(p(`${id}.key`)), cert: fs.readFileSync(p(`${id}.pem`)) };
    },
    stranger: { key: fs.readFileSync(p('stranger.key')), cert: fs.readFileSync(p('stranger.pem')) },
  };
}
