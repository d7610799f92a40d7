import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { SimianError } from '@simian/core';
import { openssl } from './openssl.js';

/** A certificate and its private key, as PEM file paths. */
export interface CertPair {
  cert: string;
  key: string;
}

/** Every certificate and key the control plane uses, as file paths under one folder. */
export interface SandboxPki {
  dir: string;
  /** The cluster CA: it signs the serving certificates and every client certificate. */
  ca: CertPair;
  /**
   * A second CA, only for the apiserver's front-proxy (request-header) identity, as kubeadm does:
   * a client certificate from the cluster CA must not be able to claim to be the proxy.
   */
  frontProxyCa: CertPair;
  /** CN=front-proxy-client, signed by the front-proxy CA. */
  frontProxyClient: CertPair;
  /** kube-apiserver's serving certificate (127.0.0.1, localhost, kubernetes.default...). */
  apiserver: CertPair;
  /** Serving certificate for the other components' secure ports on 127.0.0.1. */
  components: CertPair;
  /** Signs and verifies service-account tokens. */
  serviceAccount: { key: string; pub: string };
  /** CN=simian-admin, O=system:masters. */
  admin: CertPair;
  /** CN=system:kube-controller-manager. */
  controllerManager: CertPair;
  /** CN=system:kube-scheduler. */
  scheduler: CertPair;
  /** CN=kwok, O=system:masters (kwok writes node and pod status of every node). */
  kwok: CertPair;
  /**
   * The apiserver's client identity towards kubelets (here kwok's server), for `pods/log` and
   * friends. kwok does not check it; a real kubelet would, so the sandbox presents one.
   */
  kubeletClient: CertPair;
}

/** The first address of the service range: the `kubernetes` Service's ClusterIP. */
export const kubernetesServiceIp = '10.96.0.1';

const pair = (dir: string, name: string): CertPair => ({
  cert: join(dir, `${name}.crt`),
  key: join(dir, `${name}.key`),
});

/** Where {@link createPki} puts each file. */
export function pkiLayout(dir: string): SandboxPki {
  return {
    dir,
    ca: pair(dir, 'ca'),
    frontProxyCa: pair(dir, 'front-proxy-ca'),
    frontProxyClient: pair(dir, 'front-proxy-client'),
    apiserver: pair(dir, 'apiserver'),
    components: pair(dir, 'components'),
    serviceAccount: { key: join(dir, 'sa.key'), pub: join(dir, 'sa.pub') },
    admin: pair(dir, 'admin'),
    controllerManager: pair(dir, 'controller-manager'),
    scheduler: pair(dir, 'scheduler'),
    kwok: pair(dir, 'kwok'),
    kubeletClient: pair(dir, 'apiserver-kubelet-client'),
  };
}

/** Characters allowed in a certificate's CN and O: enough for Kubernetes user and group names. */
const subjectPart = /^[A-Za-z0-9:._@-]+$/;

/**
 * The `-subj` argument for a client certificate. Kubernetes reads the CN as the user name and
 * each O as a group.
 */
export function clientSubject(user: string, groups: readonly string[] = []): string {
  for (const part of [user, ...groups]) {
    if (!subjectPart.test(part)) {
      throw new SimianError('INPUT_INVALID', `"${part}" cannot be used as a user or group name`, {
        hint: 'Use letters, digits and : . _ @ - only (e.g. "jane", "team:storefront").',
      });
    }
  }
  return `/CN=${user}${groups.map((g) => `/O=${g}`).join('')}`;
}

/** One openssl config for every profile, so nothing depends on the system's openssl.cnf. */
const opensslConfig = `[req]
distinguished_name = dn
[dn]
[ca]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign,digitalSignature
subjectKeyIdentifier = hash
[client]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature
extendedKeyUsage = clientAuth
authorityKeyIdentifier = keyid
[apiserver]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature
extendedKeyUsage = serverAuth
authorityKeyIdentifier = keyid
subjectAltName = DNS:localhost,DNS:kubernetes,DNS:kubernetes.default,DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local,IP:127.0.0.1,IP:${kubernetesServiceIp}
[components]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature
extendedKeyUsage = serverAuth
authorityKeyIdentifier = keyid
subjectAltName = DNS:localhost,IP:127.0.0.1
`;

const configName = 'openssl.cnf';

/** A P-256 key: fast to make, and accepted by every component for TLS and token signing. */
async function newKey(dir: string, path: string): Promise<void> {
  await openssl(
    ['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', path],
    dir,
  );
}

/** Signs a new key's certificate with the CA. `profile` is a section of the openssl config. */
async function issue(
  pki: Pick<SandboxPki, 'dir' | 'ca'>,
  out: CertPair,
  subject: string,
  profile: 'client' | 'apiserver' | 'components',
): Promise<void> {
  await newKey(pki.dir, out.key);
  const csr = `${out.cert}.csr`;
  const config = join(pki.dir, configName);
  await openssl(
    ['req', '-new', '-key', out.key, '-subj', subject, '-config', config, '-out', csr],
    pki.dir,
  );
  // A random serial instead of a serial file: identities can be minted concurrently.
  await openssl(
    [
      'x509',
      '-req',
      '-in',
      csr,
      '-CA',
      pki.ca.cert,
      '-CAkey',
      pki.ca.key,
      '-set_serial',
      `0x${randomBytes(16).toString('hex')}`,
      '-days',
      '3650',
      '-sha256',
      '-extfile',
      config,
      '-extensions',
      profile,
      '-out',
      out.cert,
    ],
    pki.dir,
  );
}

async function newCa(ca: CertPair, name: string): Promise<void> {
  const dir = dirname(ca.cert);
  await newKey(dir, ca.key);
  await openssl(
    [
      'req',
      '-x509',
      '-new',
      '-key',
      ca.key,
      '-subj',
      `/CN=${name}`,
      '-days',
      '3650',
      '-sha256',
      '-config',
      join(dir, configName),
      '-extensions',
      'ca',
      '-out',
      ca.cert,
    ],
    dir,
  );
}

/**
 * Creates a fresh CA and every certificate and key the control plane needs in `dir`.
 * Keys are P-256; certificates are valid for ten years (the sandbox is local and disposable).
 */
export async function createPki(dir: string): Promise<SandboxPki> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await writeFile(join(dir, configName), opensslConfig);
  const pki = pkiLayout(dir);
  await Promise.all([
    newCa(pki.ca, 'simian-sandbox-ca'),
    newCa(pki.frontProxyCa, 'simian-sandbox-front-proxy-ca'),
  ]);
  await newKey(dir, pki.serviceAccount.key);
  await openssl(
    ['pkey', '-in', pki.serviceAccount.key, '-pubout', '-out', pki.serviceAccount.pub],
    dir,
  );
  await Promise.all([
    issue({ dir, ca: pki.frontProxyCa }, pki.frontProxyClient, '/CN=front-proxy-client', 'client'),
    issue(pki, pki.apiserver, '/CN=kube-apiserver', 'apiserver'),
    issue(pki, pki.components, '/CN=simian-sandbox-components', 'components'),
    issue(pki, pki.admin, clientSubject('simian-admin', ['system:masters']), 'client'),
    issue(pki, pki.controllerManager, clientSubject('system:kube-controller-manager'), 'client'),
    issue(pki, pki.scheduler, clientSubject('system:kube-scheduler'), 'client'),
    issue(pki, pki.kwok, clientSubject('kwok', ['system:masters']), 'client'),
    issue(
      pki,
      pki.kubeletClient,
      clientSubject('kube-apiserver-kubelet-client', ['system:masters']),
      'client',
    ),
  ]);
  return pki;
}

/**
 * Issues a client certificate signed by the sandbox CA into `out`, for the user `user` in
 * `groups`. Used for the components and by {@link mintIdentity}.
 */
export async function issueClientCert(
  pki: Pick<SandboxPki, 'dir' | 'ca'>,
  out: CertPair,
  user: string,
  groups: readonly string[] = [],
): Promise<CertPair> {
  await issue(pki, out, clientSubject(user, groups), 'client');
  return out;
}
