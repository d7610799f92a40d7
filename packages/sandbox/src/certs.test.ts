import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { clientSubject, createPki, issueClientCert } from './certs.js';
import { openssl } from './openssl.js';

describe('clientSubject', () => {
  it('puts the user in CN and each group in an O', () => {
    expect(clientSubject('jane', ['system:masters', 'team-a'])).toBe(
      '/CN=jane/O=system:masters/O=team-a',
    );
  });

  it.each(['jane/O=system:masters', 'a b', ''])(
    'rejects %j, which would forge a subject',
    (name) => {
      expect(() => clientSubject(name)).toThrow(/cannot be used as a user or group name/);
    },
  );
});

describe('createPki (with the openssl CLI)', () => {
  const dirs: string[] = [];
  afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

  it('makes certificates that chain to the CA, with the identities Kubernetes reads', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'simian-pki-'));
    dirs.push(dir);
    const pki = await createPki(dir);
    for (const pair of [
      pki.apiserver,
      pki.admin,
      pki.controllerManager,
      pki.scheduler,
      pki.kwok,
      pki.components,
    ]) {
      expect(await openssl(['verify', '-CAfile', pki.ca.cert, pair.cert], dir)).toContain(': OK');
    }
    expect(
      await openssl(['verify', '-CAfile', pki.frontProxyCa.cert, pki.frontProxyClient.cert], dir),
    ).toContain(': OK');
    const subject = (cert: string) =>
      openssl(['x509', '-in', cert, '-noout', '-subject', '-nameopt', 'compat'], dir);
    expect(await subject(pki.admin.cert)).toContain('CN=simian-admin/O=system:masters');
    expect(await subject(pki.controllerManager.cert)).toContain(
      'CN=system:kube-controller-manager',
    );
    const sans = await openssl(
      ['x509', '-in', pki.apiserver.cert, '-noout', '-ext', 'subjectAltName'],
      dir,
    );
    expect(sans).toContain('IP Address:127.0.0.1');
    expect(sans).toContain('DNS:kubernetes.default.svc');

    const minted = await issueClientCert(
      pki,
      { cert: join(dir, 'jane.crt'), key: join(dir, 'jane.key') },
      'jane',
      ['team-a'],
    );
    expect(await subject(minted.cert)).toContain('CN=jane/O=team-a');
    expect(await openssl(['verify', '-CAfile', pki.ca.cert, minted.cert], dir)).toContain(': OK');
  });
});
