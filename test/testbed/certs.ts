/**
 * A test CA and one broker certificate (SAN IP:127.0.0.1, DNS:localhost) made with openssl into `.testbed/certs/`:
 * `ca.pem` for clients (TARGET_CA_FILE) and `broker.p12` (PKCS12, password in `keystore-password`) for the target's
 * SASL_SSL listeners. Made once and kept across `down`; delete the folder to make new ones.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCommand } from './command.js';
import { CERTS_DIR } from './paths.js';
import { say } from './say.js';

export interface BedCerts {
  caFile: string;
  keystoreFile: string;
  keystorePassword: string;
}

const CA_FILE = join(CERTS_DIR, 'ca.pem');
const KEYSTORE_FILE = join(CERTS_DIR, 'broker.p12');
const PASSWORD_FILE = join(CERTS_DIR, 'keystore-password');

function current(): BedCerts | undefined {
  if (![CA_FILE, KEYSTORE_FILE, PASSWORD_FILE].every((file) => existsSync(file))) return undefined;
  return { caFile: CA_FILE, keystoreFile: KEYSTORE_FILE, keystorePassword: readFileSync(PASSWORD_FILE, 'utf8').trim() };
}

export async function ensureCerts(): Promise<BedCerts> {
  const existing = current();
  if (existing) return existing;
  say(`certificates: making a test CA and a broker certificate in ${CERTS_DIR}`);
  rmSync(CERTS_DIR, { recursive: true, force: true });
  mkdirSync(CERTS_DIR, { recursive: true, mode: 0o700 });
  const at = (name: string): string => join(CERTS_DIR, name);
  const openssl = (args: string[], what: string) => runCommand('openssl', args, { what, cwd: CERTS_DIR });

  await openssl(
    [
      'req', '-x509', '-new', '-newkey', 'rsa:2048', '-nodes', '-sha256', '-days', '3650',
      '-keyout', at('ca.key'), '-out', CA_FILE,
      '-subj', '/CN=kafka-backup test bed CA',
      '-addext', 'basicConstraints=critical,CA:TRUE',
      '-addext', 'keyUsage=critical,keyCertSign,cRLSign',
    ],
    'making the test CA',
  );
  await openssl(
    ['req', '-new', '-newkey', 'rsa:2048', '-nodes', '-sha256', '-keyout', at('broker.key'), '-out', at('broker.csr'),
      '-subj', '/CN=localhost'],
    'making the broker key',
  );
  writeFileSync(
    at('broker.ext'),
    [
      'basicConstraints=CA:FALSE',
      'keyUsage=critical,digitalSignature,keyEncipherment',
      'extendedKeyUsage=serverAuth,clientAuth',
      'subjectAltName=IP:127.0.0.1,DNS:localhost',
      '',
    ].join('\n'),
  );
  await openssl(
    ['x509', '-req', '-sha256', '-days', '825', '-in', at('broker.csr'), '-CA', CA_FILE, '-CAkey', at('ca.key'),
      '-CAcreateserial', '-extfile', at('broker.ext'), '-out', at('broker.pem')],
    'signing the broker certificate',
  );
  const keystorePassword = randomBytes(18).toString('base64url');
  writeFileSync(PASSWORD_FILE, `${keystorePassword}\n`, { mode: 0o600 });
  await openssl(
    ['pkcs12', '-export', '-in', at('broker.pem'), '-inkey', at('broker.key'), '-certfile', CA_FILE,
      '-name', 'broker', '-out', KEYSTORE_FILE, '-passout', `file:${PASSWORD_FILE}`],
    'packing the broker keystore',
  );
  return { caFile: CA_FILE, keystoreFile: KEYSTORE_FILE, keystorePassword };
}
