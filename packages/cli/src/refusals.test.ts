import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simian } from '@simian/testing/cli';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// What a new user met (issue 18): contradictory dry-run flags acted for real, and a target that
// refused every call ended "completed" with exit 0. Both as processes, as a CronJob runs them.

/** An API server that answers 401 to every call, as one does to an expired token. */
let refusing: Server;
let requests = 0;
let dir: string;

beforeAll(async () => {
  refusing = createServer((req, res) => {
    requests++;
    res.writeHead(401, { 'content-type': 'application/json' });
    res.end('{"kind":"Status","status":"Failure","reason":"Unauthorized","code":401}');
  });
  await new Promise<void>((done) => refusing.listen(0, '127.0.0.1', done));
  const port = (refusing.address() as AddressInfo).port;
  dir = mkdtempSync(join(tmpdir(), 'simian-refusals-'));
  writeFileSync(
    join(dir, 'kubeconfig.yaml'),
    `apiVersion: v1
kind: Config
clusters: [{ name: c, cluster: { server: "http://127.0.0.1:${port}", insecure-skip-tls-verify: true } }]
users: [{ name: u, user: { token: expired-token-4711 } }]
contexts: [{ name: refused, context: { cluster: c, user: u } }]
current-context: refused
`,
  );
  const chaos = 'monkeys:\n  chaos:\n    enabled: true\n    dryRun: false\n';
  writeFileSync(
    join(dir, 'kube.yaml'),
    `version: 1\nstore: { path: kube.db }\ntargets:\n  kubernetes:\n    - kubeconfig: kubeconfig.yaml\n      maxAttempts: 1\n${chaos}    aws: { enabled: false }\n`,
  );
  writeFileSync(
    join(dir, 'aws.yaml'),
    `version: 1\nstore: { path: aws.db }\ntargets:\n  aws:\n    - region: us-east-1\n      endpoint: http://127.0.0.1:9\n      maxAttempts: 1\n${chaos}    kubernetes: { enabled: false }\n`,
  );
});
afterAll(() => refusing.close());

const AWS_ENV = { AWS_ACCESS_KEY_ID: 'testing', AWS_SECRET_ACCESS_KEY: 'testing' };

describe('a target that refuses us', { timeout: 120_000 }, () => {
  it('ends plan and run with exit 3 and "incomplete" when the API server answers 401 to every call', async () => {
    for (const command of ['plan', 'run']) {
      const r = await simian([command, '--config', 'kube.yaml', '-o', 'json'], dir);
      expect(r.code, r.stderr).toBe(3);
      expect(JSON.parse(r.stdout)).toMatchObject({ status: 'incomplete' });
    }
    expect(requests).toBeGreaterThan(0);
  });

  it('ends run with exit 3 when the AWS endpoint refuses the connection', async () => {
    const r = await simian(['run', '--config', 'aws.yaml', '-o', 'json'], dir, AWS_ENV);
    expect(r.code, r.stderr).toBe(3);
    expect(JSON.parse(r.stdout)).toMatchObject({ status: 'incomplete' });
  });
});

describe('contradictory flags', { timeout: 120_000 }, () => {
  it('refuses --dry-run --no-dry-run (either order) for run and apply with exit 2, before any call', async () => {
    const before = requests;
    const runs = [
      ['run', '--config', 'kube.yaml', '--no-dry-run', '--dry-run'],
      ['apply', 'plan.json', '--config', 'kube.yaml', '--dry-run', '--no-dry-run'],
    ];
    for (const args of runs) {
      const r = await simian(args, dir);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toContain('--dry-run and --no-dry-run contradict each other');
    }
    expect(requests).toBe(before);
  });
});
