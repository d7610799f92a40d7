// The exposure probe against real HTTP servers on loopback: one that exposes a Spring actuator,
// Go pprof, .git/config and a .env file, and one that answers 200 to everything.
import { afterAll, describe, expect, it } from 'vitest';
import { httpServer, type TestServer } from '../__fixtures__/servers.js';
import { PROBE_USER_AGENT } from './http-get.js';
import { runProbes, type ProbeOptions } from './prober.js';
import { targetFromUrl } from './target.js';

const SECRET = 'hunter2-Zq8Rv3TfW9xLm2PwK7sY';
const AWS_KEY = 'AKIAIOSFODNN7EXAMPLE';

const pages: Record<string, { type: string; body: string | Buffer }> = {
  '/actuator': {
    type: 'application/json',
    body: '{"_links":{"self":{"href":"/actuator"},"env":{"href":"/actuator/env"}}}',
  },
  '/actuator/env': {
    type: 'application/vnd.spring-boot.actuator.v3+json',
    body: JSON.stringify({
      activeProfiles: ['prod'],
      propertySources: [
        {
          name: 'systemEnvironment',
          properties: { DB_PASSWORD: { value: SECRET }, AWS_ACCESS_KEY_ID: { value: AWS_KEY } },
        },
        { name: 'applicationConfig', properties: {} },
      ],
    }),
  },
  '/actuator/heapdump': {
    type: 'application/octet-stream',
    body: Buffer.concat([
      Buffer.from('JAVA PROFILE 1.0.2\0'),
      Buffer.from(SECRET),
      Buffer.alloc(200_000, 7),
    ]),
  },
  '/debug/pprof/': {
    type: 'text/html',
    body: '<html><body>/debug/pprof/<br><p>Types of profiles available:</p><a href="goroutine?debug=1">goroutine</a></body></html>',
  },
  '/.git/config': {
    type: 'text/plain',
    body: `[core]\n\trepositoryformatversion = 0\n\tbare = false\n[remote "origin"]\n\turl = https://deploy:${SECRET}@git.example.com/shop.git\n`,
  },
  '/.env': {
    type: 'text/plain',
    body: `APP_ENV=prod\nDB_PASSWORD=${SECRET}\nAWS_ACCESS_KEY_ID=${AWS_KEY}\n`,
  },
  '/metrics': {
    type: 'text/plain; version=0.0.4',
    body: '# HELP http_requests_total Requests.\n# TYPE http_requests_total counter\nhttp_requests_total 7\n',
  },
};

const servers: TestServer[] = [];
afterAll(() => Promise.all(servers.map((s) => s.close())));

async function exposing(): Promise<TestServer> {
  const server = await httpServer((req, res) => {
    const page = pages[req.url ?? ''];
    if (!page) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': page.type }).end(page.body);
  });
  servers.push(server);
  return server;
}

const options: ProbeOptions = {
  limits: { concurrency: 4, perEndpointRate: 0 },
  timeoutMs: 3000,
  maxBodyBytes: 65536,
  tls: { expiryHighDays: 30, expiryWarnDays: 60 },
};

const probe = (port: number) =>
  runProbes(
    [
      targetFromUrl(`http://127.0.0.1:${port}`, {
        allow: { addresses: ['127.0.0.1'], names: [] },
        source: 'command-line',
      }),
    ],
    options,
  );

describe('the exposure probe', () => {
  it('finds the actuator, pprof, .git/config, .env and metrics, saying what answered and how', async () => {
    const server = await exposing();
    const run = await probe(server.port);
    const found = run.findings.map((f) => `${f.ruleId} ${String(f.evidence?.['path'])}`).sort();
    expect(found).toEqual([
      'SEC-EXPOSE-001 /actuator',
      'SEC-EXPOSE-001 /actuator/env',
      'SEC-EXPOSE-001 /actuator/heapdump',
      'SEC-EXPOSE-002 /debug/pprof/',
      'SEC-EXPOSE-003 /metrics',
      'SEC-EXPOSE-005 /.git/config',
      'SEC-EXPOSE-006 /.env',
    ]);
    const env = run.findings.find((f) => f.evidence?.['path'] === '/actuator/env');
    expect(env).toMatchObject({
      severity: 'critical',
      message: expect.stringContaining('GET /actuator/env answers 200'),
      evidence: {
        status: 200,
        excerpt: 'propertySources: systemEnvironment, applicationConfig (values not shown)',
      },
    });
    expect(run.findings.find((f) => f.evidence?.['path'] === '/.env')?.evidence?.['excerpt']).toBe(
      'variables APP_ENV, DB_PASSWORD, AWS_ACCESS_KEY_ID (values not shown)',
    );
  });

  it('never repeats a secret it read, and reads at most the body limit', async () => {
    const server = await exposing();
    const run = await probe(server.port);
    const text = JSON.stringify(run);
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain(AWS_KEY);
    const git = run.findings.find((f) => f.ruleId === 'SEC-EXPOSE-005');
    expect(String(git?.evidence?.['excerpt'])).toContain('https://<redacted>@git.example.com');
  });

  it('sends GET requests that name Simian in the User-Agent', async () => {
    const server = await exposing();
    await probe(server.port);
    expect(server.requests.length).toBeGreaterThan(10);
    expect(new Set(server.requests.map((r) => r.userAgent))).toEqual(new Set([PROBE_USER_AGENT]));
  });

  it('does not take a catch-all page that answers 200 everywhere for an exposed surface', async () => {
    const server = await httpServer((_req, res) => {
      res
        .writeHead(200, { 'content-type': 'text/html' })
        .end('<!doctype html><html><title>Shop</title><body>welcome</body></html>');
    });
    servers.push(server);
    const run = await probe(server.port);
    expect(run.findings.map((f) => f.ruleId)).toEqual(['SEC-HTTP-001']);
  });

  it('does not follow a redirect', async () => {
    const elsewhere = await httpServer((_req, res) => res.end('elsewhere'));
    const redirecting = await httpServer((_req, res) => {
      res.writeHead(302, { location: `http://127.0.0.1:${elsewhere.port}/` }).end();
    });
    servers.push(elsewhere, redirecting);
    const run = await probe(redirecting.port);
    expect(run.targets[0]?.answers?.find((a) => a.path === '/')?.status).toBe(302);
    expect(elsewhere.requests).toEqual([]);
    expect(elsewhere.connections).toBe(0);
    expect(run.findings).toEqual([]);
  });
});
