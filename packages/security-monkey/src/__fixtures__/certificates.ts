// Certificates made for the probe tests with the openssl command line: a test CA, and leaf
// certificates with whatever validity window and names a test needs (expired ones included,
// which `openssl ca -startdate/-enddate` can make and node:crypto cannot).
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** A PEM certificate and its key. */
export interface Pem {
  cert: string;
  key: string;
}

/** What a test certificate should say. */
export interface LeafSpec {
  name: string;
  /** subjectAltName entries: `DNS:localhost`, `IP:127.0.0.1`. */
  sans: string[];
  notBefore: Date;
  notAfter: Date;
  /** Signed by its own key instead of the test CA. */
  selfSigned?: boolean;
  /** RSA instead of P-256 (static-RSA and NULL suites need an RSA key). */
  rsa?: boolean;
}

/** `YYYYMMDDHHMMSSZ`, as `openssl ca` takes dates. */
const asn1Time = (d: Date) => `${d.toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z`;

const caConfig = (dir: string) => `[ca]
default_ca = test
[test]
dir = ${dir}
database = ${dir}/index.txt
new_certs_dir = ${dir}/issued
serial = ${dir}/serial
default_md = sha256
policy = anything
copy_extensions = copy
unique_subject = no
email_in_dn = no
[anything]
commonName = supplied
[req]
distinguished_name = dn
[dn]
[ca_ext]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
[leaf_ext]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = serverAuth
`;

/** A test PKI in a temporary folder; `close()` removes it. */
export class TestPki {
  readonly dir: string;
  readonly ca: Pem;
  #count = 0;

  private constructor(dir: string, ca: Pem) {
    this.dir = dir;
    this.ca = ca;
  }

  static async create(): Promise<TestPki> {
    const dir = await mkdtemp(join(tmpdir(), 'simian-probe-pki-'));
    await mkdir(join(dir, 'issued'));
    await writeFile(join(dir, 'index.txt'), '');
    await writeFile(join(dir, 'serial'), '1000\n');
    await writeFile(join(dir, 'openssl.cnf'), caConfig(dir));
    const key = join(dir, 'ca.key');
    await run('openssl', [
      'genpkey',
      '-algorithm',
      'EC',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-out',
      key,
    ]);
    const cert = join(dir, 'ca.crt');
    await run('openssl', [
      'req',
      '-x509',
      '-new',
      '-key',
      key,
      '-subj',
      '/CN=Simian probe test CA',
      '-days',
      '30',
      '-config',
      join(dir, 'openssl.cnf'),
      '-extensions',
      'ca_ext',
      '-out',
      cert,
    ]);
    return new TestPki(dir, {
      cert: await readFile(cert, 'utf8'),
      key: await readFile(key, 'utf8'),
    });
  }

  /** Issues a leaf certificate (or a self-signed one) as `spec` says. */
  async issue(spec: LeafSpec): Promise<Pem> {
    const base = join(this.dir, `${++this.#count}-${spec.name}`);
    const config = join(this.dir, 'openssl.cnf');
    if (spec.rsa)
      await run('openssl', [
        'genpkey',
        '-algorithm',
        'RSA',
        '-pkeyopt',
        'rsa_keygen_bits:2048',
        '-out',
        `${base}.key`,
      ]);
    else
      await run('openssl', [
        'genpkey',
        '-algorithm',
        'EC',
        '-pkeyopt',
        'ec_paramgen_curve:P-256',
        '-out',
        `${base}.key`,
      ]);
    await run('openssl', [
      'req',
      '-new',
      '-key',
      `${base}.key`,
      '-subj',
      `/CN=${spec.name}`,
      '-config',
      config,
      '-addext',
      `subjectAltName=${spec.sans.join(',')}`,
      '-out',
      `${base}.csr`,
    ]);
    await run('openssl', [
      'ca',
      '-batch',
      '-config',
      config,
      '-in',
      `${base}.csr`,
      '-out',
      `${base}.crt`,
      '-notext',
      '-startdate',
      asn1Time(spec.notBefore),
      '-enddate',
      asn1Time(spec.notAfter),
      '-extensions',
      'leaf_ext',
      ...(spec.selfSigned
        ? ['-selfsign', '-keyfile', `${base}.key`]
        : ['-cert', join(this.dir, 'ca.crt'), '-keyfile', join(this.dir, 'ca.key')]),
    ]);
    return {
      cert: await readFile(`${base}.crt`, 'utf8'),
      key: await readFile(`${base}.key`, 'utf8'),
    };
  }

  async close(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
  }
}

/** `now` moved by `days`. */
export const daysFrom = (now: Date, days: number) => new Date(now.getTime() + days * 86_400_000);
