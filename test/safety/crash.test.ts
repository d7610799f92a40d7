// Crashes mid-run, as a user meets them: `simian run --no-dry-run` killed with SIGKILL at two
// points of an eviction (after its ledger row, before the request reached the kube-apiserver; and
// after the API server had it, before Simian heard the answer), then a run that finishes. A proxy
// on loopback holds the chosen request so the kill lands exactly there, and logs every request, so
// the test sees what reached the API.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';
import { Store } from '@simian/core';
import { startSimian, type CliResult } from '@simian/testing/cli';
import {
  createNamespace,
  kubeClients,
  startFaultProxy,
  writeProxiedKubeconfig,
  uniqueName,
  waitReady,
  workloadBody,
  type ProxiedRequest,
} from '@simian/testing/sandbox';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

const kubeconfig = inject('sandboxKubeconfig');
const k = kubeClients(kubeconfig);
const ns = uniqueName('crash');
const dir = mkdtempSync(join(tmpdir(), 'simian-crash-'));
const db = join(dir, 'simian.db');
// web carries the opt-in label of the first run, api that of the second; both that of the third.
const FIRST = `first.crash.simian.dev/${ns}`;
const SECOND = `second.crash.simian.dev/${ns}`;
const BOTH = `both.crash.simian.dev/${ns}`;

// The proxy presents the sandbox's client certificate upstream; Simian talks to it on loopback.
const kc = new KubeConfig();
kc.loadFromFile(kubeconfig);
const cluster = kc.getCurrentCluster()!;
const user = kc.getCurrentUser()!;
const pem = (b64: string | undefined) => Buffer.from(b64 ?? '', 'base64').toString('utf8');

beforeAll(async () => {
  await createNamespace(k, ns);
  for (const [name, label] of [
    ['web', FIRST],
    ['api', SECOND],
  ] as const) {
    const body = workloadBody(name, { [label]: 'true', [BOTH]: 'true' });
    await k.apps.createNamespacedDeployment({
      namespace: ns,
      body: { ...body, spec: { ...body.spec, replicas: 3 } },
    });
    await waitReady(k, ns, name, 3);
  }
}, 300_000);
afterAll(async () => {
  await k.core.deleteNamespace({ name: ns }).catch(() => undefined);
});

/** simian.yaml for one run: the chaos monkey, opted in by `label`, through the proxy. */
function configFile(name: string, label: string, proxiedKubeconfig: string): string {
  const file = join(dir, `${name}.yaml`);
  writeFileSync(
    file,
    JSON.stringify({
      version: 1,
      targets: { kubernetes: [{ kubeconfig: proxiedKubeconfig, namespaces: { include: [ns] } }] },
      safety: { blastRadius: { maxActionsPerRun: 20, maxGroupShare: 1, minHealthy: 1 } },
      store: { path: db },
      monkeys: {
        chaos: {
          enabled: true,
          optIn: { label },
          killMode: 'fixed:1',
          recovery: { wait: false },
          schedule: {
            windows: {
              days: ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'],
              hours: { start: '00:00', end: '24:00' },
            },
            minTimeBetweenActions: '1h',
          },
        },
      },
    }),
  );
  return file;
}

const eviction = (r: ProxiedRequest) =>
  r.method === 'POST' ? /\/pods\/([^/]+)\/eviction/.exec(r.url)?.[1] : undefined;

/**
 * `simian run --no-dry-run` through a proxy that holds its first eviction (`how`), killed with
 * SIGKILL as soon as it is held; or, without `how`, a run left to finish.
 */
async function runThroughProxy(
  label: string,
  how?: 'request' | 'answer',
): Promise<{ result: CliResult; requests: ProxiedRequest[]; held?: string }> {
  let holding = false;
  const proxy = await startFaultProxy({
    upstream: cluster.server,
    tls: { ca: pem(cluster.caData), cert: pem(user.certData), key: pem(user.keyData) },
    rate: 0,
    hold: (r) => {
      if (!how || holding || !eviction(r)) return undefined;
      holding = true;
      return how;
    },
  });
  const name = label.split('.')[0]!;
  const proxied = writeProxiedKubeconfig(join(dir, `kubeconfig-${name}.yaml`), proxy.url);
  try {
    const run = startSimian(
      ['run', '--config', configFile(name, label, proxied), '--no-dry-run'],
      dir,
    );
    let held: string | undefined;
    if (how) {
      const started = Date.now();
      while (!held) {
        if (Date.now() - started > 90_000) throw new Error('no eviction was held within 90 s');
        await new Promise((r) => setTimeout(r, 50));
        held = proxy.requests.map((r) => (r.held ? eviction(r) : undefined)).find(Boolean);
      }
      run.child.kill('SIGKILL');
    }
    const result = await run.result;
    return { result, requests: proxy.requests, held };
  } finally {
    await proxy.close();
  }
}

describe('a run killed mid-action (SIGKILL)', () => {
  it('leaves a started row; the next run reports it, reads the pod again, ends it as interrupted, and no pod is evicted twice nor its group hit again at once', async () => {
    // 1. Killed after the ledger row, before the eviction reached the API server.
    const first = await runThroughProxy(FIRST, 'request');
    expect(first.result.code).toBeNull(); // killed
    const afterFirst = new Store(db);
    const startedRows = afterFirst.ledger({ status: 'started' });
    afterFirst.close();
    expect(startedRows.map((r) => r.ref)).toContainEqual(
      expect.stringMatching(new RegExp(`/${ns}/Pod/${first.held}$`)),
    );

    // 2. Killed after the API server had the eviction, before Simian heard the answer.
    const second = await runThroughProxy(SECOND, 'answer');
    expect(second.result.code).toBeNull();
    expect(second.result.stderr).toContain('never finished');
    expect(second.result.stderr).toContain(`Pod/${first.held}`);

    // 3. A run left to finish, opted in on both Deployments.
    const third = await runThroughProxy(BOTH);
    expect(third.result.code).toBe(0);
    expect(third.result.stderr).toContain('never finished');
    expect(third.result.stderr).toContain(`Pod/${second.held}`);

    const store = new Store(db);
    try {
      const ledger = store.ledger({ limit: 10_000 });
      expect(ledger.filter((r) => r.status === 'started')).toEqual([]);
      const rowOf = (pod: string) =>
        ledger.find((r) => r.ref.endsWith(`/${ns}/Pod/${pod}`) && r.status === 'interrupted');
      // The first eviction never reached the API: the pod was still there.
      expect(String(rowOf(first.held!)?.detail?.['reason'])).toContain(
        'found the resource still there',
      );
      // The second reached it: the pod was gone, or still terminating.
      expect(String(rowOf(second.held!)?.detail?.['reason'])).toMatch(
        /found the resource (gone|still there)/,
      );
    } finally {
      store.close();
    }

    // What reached the API server: each pod evicted at most once over the three runs, and the
    // third run, whose groups both have an interrupted row within the hour, evicted nothing.
    const forwarded = [first, second, third].flatMap((r) =>
      r.requests.filter((q) => q.forwarded && eviction(q)).map((q) => eviction(q)!),
    );
    expect(forwarded.filter((p, i) => forwarded.indexOf(p) !== i)).toEqual([]);
    expect(forwarded).not.toContain(first.held);
    expect(forwarded).toContain(second.held);
    expect(third.requests.filter((q) => q.write)).toEqual([]);
    // Not vacuous: the third run did read the estate.
    expect(
      third.requests.some((q) => q.method === 'GET' && q.url.includes(`/namespaces/${ns}/`)),
    ).toBe(true);
  }, 480_000);
});
