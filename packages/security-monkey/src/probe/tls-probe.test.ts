// The TLS probe against real TLS servers on loopback, with certificates made for each case.
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { daysFrom, TestPki } from '../__fixtures__/certificates.js';
import { httpsServer, type TestServer } from '../__fixtures__/servers.js';
import { runProbes, type ProbeOptions, type TargetReport } from './prober.js';
import { targetFromUrl } from './target.js';

const now = new Date();
let pki: TestPki;
const servers: TestServer[] = [];
const localhost = ['DNS:localhost', 'IP:127.0.0.1'];
const ONE_YEAR_HSTS = 'max-age=31536000; includeSubDomains';

beforeAll(async () => {
  pki = await TestPki.create();
});
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  await pki?.close();
});

const options = (): ProbeOptions => ({
  limits: { concurrency: 8, perEndpointRate: 0 },
  timeoutMs: 3000,
  maxBodyBytes: 65536,
  tls: { expiryHighDays: 30, expiryWarnDays: 60, extraCa: [pki.ca.cert] },
  exposure: false,
  now,
});

async function serve(
  cert: {
    notBefore?: number;
    notAfter?: number;
    sans?: string[];
    selfSigned?: boolean;
    rsa?: boolean;
  },
  tls: Omit<Parameters<typeof httpsServer>[0], 'cert' | 'key'> = { hsts: ONE_YEAR_HSTS },
): Promise<TestServer> {
  const pem = await pki.issue({
    name: 'endpoint',
    sans: cert.sans ?? localhost,
    notBefore: daysFrom(now, cert.notBefore ?? -10),
    notAfter: daysFrom(now, cert.notAfter ?? 365),
    ...(cert.selfSigned ? { selfSigned: true } : {}),
    ...(cert.rsa ? { rsa: true } : {}),
  });
  const server = await httpsServer({ ...pem, ...tls });
  servers.push(server);
  return server;
}

async function probe(port: number, host = '127.0.0.1'): Promise<TargetReport> {
  const target = targetFromUrl(`https://${host}:${port}`, {
    allow: { addresses: ['127.0.0.1'], names: [] },
    source: 'command-line',
  });
  const run = await runProbes([target], {
    ...options(),
    lookup: async () => ['127.0.0.1'],
  });
  return run.targets[0]!;
}

const rules = (r: TargetReport) => r.findings.map((f) => f.ruleId).sort();

describe('the TLS probe', () => {
  it('finds nothing wrong with a trusted, current certificate over TLS 1.2+ with HSTS, and grades A+', async () => {
    const server = await serve({});
    const report = await probe(server.port);
    expect(rules(report)).toEqual([]);
    expect(report.tls).toMatchObject({
      grade: 'A+',
      protocols: { SSLv3: false, 'TLSv1.0': false, 'TLSv1.1': false, 'TLSv1.3': true },
      hsts: ONE_YEAR_HSTS,
    });
    expect(report.tls?.handshake?.chain[0]?.issuer).toContain('Simian probe test CA');
  });

  it('reports an expired certificate (critical) and grades T', async () => {
    const server = await serve({ notBefore: -400, notAfter: -3 });
    const report = await probe(server.port);
    expect(rules(report)).toEqual(['SEC-TLS-001']);
    expect(report.findings[0]).toMatchObject({ severity: 'critical', monkey: 'security' });
    expect(report.tls?.grade).toBe('T');
    expect(report.tls?.gradeIgnoringTrust).toBe('A+');
  });

  it('reports a certificate that expires in 5 days as high', async () => {
    const server = await serve({ notAfter: 5 });
    const report = await probe(server.port);
    expect(rules(report)).toEqual(['SEC-TLS-002']);
    expect(report.findings[0]).toMatchObject({ severity: 'high', evidence: { daysLeft: 4 } });
  });

  it('warns about a certificate that expires in 45 days', async () => {
    const server = await serve({ notAfter: 45 });
    expect(rules(await probe(server.port))).toEqual(['SEC-TLS-003']);
  });

  it('reports a self-signed certificate as untrusted, and grades T', async () => {
    const server = await serve({ selfSigned: true });
    const report = await probe(server.port);
    expect(rules(report)).toEqual(['SEC-TLS-004']);
    expect(report.findings[0]?.message).toContain('self-signed');
    expect(report.tls?.grade).toBe('T');
  });

  it('reports a certificate for another host name, and grades M', async () => {
    const server = await serve({ sans: ['DNS:shop.example.com'] });
    const report = await probe(server.port, 'localhost');
    expect(rules(report)).toEqual(['SEC-TLS-005']);
    expect(report.findings[0]?.message).toContain('does not name localhost');
    expect(report.tls?.grade).toBe('M');
  });

  it('reports TLS 1.0 accepted, and caps the grade at B', async () => {
    const server = await serve(
      {},
      { hsts: ONE_YEAR_HSTS, minVersion: 'TLSv1', ciphers: 'DEFAULT:@SECLEVEL=0' },
    );
    const report = await probe(server.port);
    expect(rules(report)).toEqual(['SEC-TLS-007']);
    expect(report.tls).toMatchObject({
      grade: 'B',
      protocols: { 'TLSv1.0': true, 'TLSv1.1': true },
    });
    expect(report.tls?.caps).toContainEqual({ grade: 'B', reason: 'TLSv1.0 and TLSv1.1 accepted' });
  });

  it('reports a server without TLS 1.2 or 1.3, and still reads its certificate', async () => {
    const server = await serve(
      {},
      {
        hsts: ONE_YEAR_HSTS,
        minVersion: 'TLSv1',
        maxVersion: 'TLSv1.1',
        ciphers: 'DEFAULT:@SECLEVEL=0',
      },
    );
    const report = await probe(server.port);
    expect(rules(report)).toEqual(['SEC-TLS-007', 'SEC-TLS-008']);
    expect(report.tls?.grade).toBe('C');
    expect(report.tls?.handshake?.chain[0]?.names).toContain('DNS:localhost');
  });

  it('reports HSTS missing on HTTPS', async () => {
    const server = await serve({}, {});
    const report = await probe(server.port);
    expect(rules(report)).toEqual(['SEC-TLS-011']);
    expect(report.tls?.grade).toBe('A');
  });

  it('reports static RSA key exchange as no forward secrecy, capped at B', async () => {
    const server = await serve(
      { rsa: true },
      { hsts: ONE_YEAR_HSTS, maxVersion: 'TLSv1.2', ciphers: 'AES128-GCM-SHA256' },
    );
    const report = await probe(server.port);
    expect(rules(report)).toEqual(['SEC-TLS-010']);
    expect(report.tls?.grade).toBe('B');
  });

  it('reports a weak cipher suite accepted (NULL encryption, openssl s_server), graded F', async () => {
    const pem = await pki.issue({
      name: 'null',
      sans: localhost,
      notBefore: daysFrom(now, -1),
      notAfter: daysFrom(now, 90),
      rsa: true,
    });
    await writeFile(join(pki.dir, 'null.crt'), pem.cert);
    await writeFile(join(pki.dir, 'null.key'), pem.key);
    const port = 20000 + Math.floor(Math.random() * 20000);
    const server: ChildProcess = spawn(
      'openssl',
      [
        's_server',
        '-accept',
        `127.0.0.1:${port}`,
        '-cert',
        join(pki.dir, 'null.crt'),
        '-key',
        join(pki.dir, 'null.key'),
        '-cipher',
        'NULL-SHA256:AES128-GCM-SHA256:@SECLEVEL=0',
        '-no_tls1_3',
        '-www',
        '-quiet',
      ],
      { stdio: 'ignore' },
    );
    try {
      await new Promise((r) => setTimeout(r, 800));
      const report = await probe(port);
      expect(rules(report)).toContain('SEC-TLS-009');
      expect(report.findings.find((f) => f.ruleId === 'SEC-TLS-009')?.message).toContain(
        'NULL-SHA256 (null)',
      );
      expect(report.tls?.grade).toBe('F');
    } finally {
      server.kill();
    }
  });

  it('refuses SSLv3 hellos from a modern server', async () => {
    const server = await serve({});
    const report = await probe(server.port);
    expect(report.tls?.protocols['SSLv3']).toBe(false);
  });
});
