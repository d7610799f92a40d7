// Crashes mid-`apply`, as a user meets them: `simian apply plan.json --no-dry-run` killed with
// SIGKILL (1) after an eviction's ledger row, before the request reached the kube-apiserver, and
// (2) during a fault: after the API server had the latency monkey's NetworkChaos (which carries its
// expiry), before Simian heard the answer. The next `simian run` reports both unfinished rows, reads
// the resources again, evicts nothing twice, and its reaper removes the fault once it has expired.
// As in crash.test.ts, a proxy on loopback holds the chosen request so the kill lands exactly there.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CustomObjectsApi, KubeConfig } from '@kubernetes/client-node';
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
  type FaultProxy,
  type ProxiedRequest,
} from '@simian/testing/sandbox';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

const kubeconfig = inject('sandboxKubeconfig');
const k = kubeClients(kubeconfig);
const ns = uniqueName('crash-apply');
const dir = mkdtempSync(join(tmpdir(), 'simian-crash-apply-'));
const db = join(dir, 'simian.db');
const OPT_IN = `crash-apply.simian.dev/${ns}`;

const kc = new KubeConfig();
kc.loadFromFile(kubeconfig);
const custom = kc.makeApiClient(CustomObjectsApi);
const cluster = kc.getCurrentCluster()!;
const user = kc.getCurrentUser()!;
const pem = (b64: string | undefined) => Buffer.from(b64 ?? '', 'base64').toString('utf8');

beforeAll(async () => {
  await createNamespace(k, ns);
  const body = workloadBody('web', { [OPT_IN]: 'true' });
  await k.apps.createNamespacedDeployment({
    namespace: ns,
    body: { ...body, spec: { ...body.spec, replicas: 3 } },
  });
  await k.core.createNamespacedService({
    namespace: ns,
    body: {
      metadata: { name: 'web', labels: { [OPT_IN]: 'true' } },
      spec: { selector: { app: 'web' }, ports: [{ port: 80 }] },
    },
  });
  await waitReady(k, ns, 'web', 3);
}, 300_000);
afterAll(async () => {
  await k.core.deleteNamespace({ name: ns }).catch(() => undefined);
});

/** simian.yaml: the chaos and latency monkeys on the namespace, through `server`. */
function configFile(server: string, name: string): string {
  const proxied = writeProxiedKubeconfig(join(dir, `kubeconfig-${name}.yaml`), server);
  const schedule = {
    windows: {
      days: ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'],
      hours: { start: '00:00', end: '24:00' },
    },
    minTimeBetweenActions: '1h',
  };
  const file = join(dir, `${name}.yaml`);
  writeFileSync(
    file,
    JSON.stringify({
      version: 1,
      targets: { kubernetes: [{ kubeconfig: proxied, namespaces: { include: [ns] } }] },
      safety: { blastRadius: { maxActionsPerRun: 20, maxGroupShare: 1, minHealthy: 1 } },
      store: { path: db },
      monkeys: {
        chaos: {
          enabled: true,
          optIn: { label: OPT_IN },
          killMode: 'fixed:1',
          recovery: { wait: false },
          schedule,
        },
        latency: {
          enabled: true,
          optIn: { label: OPT_IN },
          backend: 'network-chaos',
          fault: { delay: '100ms', duration: '15s' },
          measure: { enabled: false },
          schedule,
        },
      },
    }),
  );
  return file;
}

const eviction = (r: ProxiedRequest) =>
  r.method === 'POST' ? /\/pods\/([^/]+)\/eviction/.exec(r.url)?.[1] : undefined;
const networkChaosCreate = (r: ProxiedRequest) =>
  r.method === 'POST' &&
  /\/apis\/chaos-mesh\.org\/v1alpha1\/namespaces\/[^/]+\/networkchaos/.test(r.url);

/** What the proxy holds next: the first request `which` picks, before it is sent or answered. */
let holdNext: { which: (r: ProxiedRequest) => boolean; how: 'request' | 'answer' } | undefined;
let proxy: FaultProxy;
let config: string;
beforeAll(async () => {
  proxy = await startFaultProxy({
    upstream: cluster.server,
    tls: { ca: pem(cluster.caData), cert: pem(user.certData), key: pem(user.keyData) },
    rate: 0,
    hold: (r) => {
      if (!holdNext?.which(r)) return undefined;
      const { how } = holdNext;
      holdNext = undefined;
      return how;
    },
  });
  config = configFile(proxy.url, 'simian');
});
afterAll(() => proxy?.close());

/**
 * `simian ARGS` through the proxy, killed with SIGKILL as soon as the request `hold` picks is held;
 * without `hold`, left to finish. Returns the requests it sent.
 */
async function throughProxy(
  args: string[],
  hold?: { which: (r: ProxiedRequest) => boolean; how: 'request' | 'answer' },
): Promise<{ result: CliResult; requests: ProxiedRequest[]; held?: ProxiedRequest }> {
  const from = proxy.requests.length;
  holdNext = hold;
  const run = startSimian([...args, '--config', config], dir);
  let held: ProxiedRequest | undefined;
  if (hold) {
    const started = Date.now();
    while (!held) {
      if (Date.now() - started > 120_000) throw new Error('nothing was held within 120 s');
      await new Promise((r) => setTimeout(r, 50));
      held = proxy.requests.slice(from).find((r) => r.held);
      if (!held && run.child.exitCode !== null) {
        const r = await run.result;
        throw new Error(`simian ended before the hold:\n${r.stdout}\n${r.stderr}`);
      }
    }
    run.child.kill('SIGKILL');
  }
  const result = await run.result;
  holdNext = undefined;
  return { result, requests: proxy.requests.slice(from), held };
}

const networkChaosIn = async () =>
  (
    (await custom.listNamespacedCustomObject({
      group: 'chaos-mesh.org',
      version: 'v1alpha1',
      namespace: ns,
      plural: 'networkchaos',
    })) as { items: { metadata: { name: string } }[] }
  ).items;

describe('an apply killed mid-action (SIGKILL)', () => {
  it('leaves started rows; the next run reports them, evicts nothing twice, and reaps the expired fault', async () => {
    // Each plan is made just before its apply: a fault's plan has a deadline (its duration).
    const plan = async (monkey: string) => {
      const planned = await throughProxy(['plan', monkey, '--out', join(dir, `${monkey}.json`)]);
      expect(planned.result.code, planned.result.stderr).toBe(0);
    };
    await plan('chaos');

    // 1. Killed after the eviction's ledger row, before the request reached the API server.
    const first = await throughProxy(['apply', join(dir, 'chaos.json'), '--no-dry-run'], {
      which: (r) => eviction(r) !== undefined,
      how: 'request',
    });
    expect(first.result.code).toBeNull();
    const pod = eviction(first.held!)!;
    let store = new Store(db);
    expect(store.ledger({ status: 'started' }).map((r) => r.ref)).toContainEqual(
      expect.stringMatching(new RegExp(`/${ns}/Pod/${pod}$`)),
    );
    store.close();

    // 2. Killed during a fault: the API server has the NetworkChaos, Simian never heard so.
    await plan('latency');
    const second = await throughProxy(['apply', join(dir, 'latency.json'), '--no-dry-run'], {
      which: networkChaosCreate,
      how: 'answer',
    });
    expect(second.result.code).toBeNull();
    expect(second.result.stderr).toContain('never finished');
    expect(second.result.stderr).toContain(`Pod/${pod}`);
    const faults = await networkChaosIn();
    expect(faults.length).toBe(1);
    store = new Store(db);
    const faultRow = store.ledger({ status: 'started' }).find((r) => r.monkey === 'latency');
    store.close();
    expect(faultRow).toBeDefined();

    // 3. After the fault's expiry (15 s of fault and 10 s of margin), a run left to finish.
    await new Promise((r) => setTimeout(r, 27_000));
    const third = await throughProxy(['run', 'chaos', '--no-dry-run']);
    expect(third.result.code, third.result.stderr).toBe(0);
    expect(third.result.stderr).toContain('never finished');
    expect(third.result.stderr).toContain(faultRow!.ref.split('/').slice(-2).join('/'));
    // The reaper removed the fault it found expired: not lost, not left.
    expect(await networkChaosIn()).toEqual([]);
    expect(
      third.requests.some((r) => r.method === 'DELETE' && /\/networkchaos\//.test(r.url)),
    ).toBe(true);

    store = new Store(db);
    try {
      const ledger = store.ledger({ limit: 10_000 });
      expect(ledger.filter((r) => r.status === 'started')).toEqual([]);
      const row = ledger.find((r) => r.ref.endsWith(`/${ns}/Pod/${pod}`));
      expect(row?.status).toBe('interrupted');
      expect(String(row?.detail?.['reason'])).toContain('found the resource still there');
    } finally {
      store.close();
    }
    // No eviction reached the API server twice, the held one never did, and the third run left
    // the group alone (it has an interrupted row within minTimeBetweenActions).
    const forwarded = [first, second, third].flatMap((r) =>
      r.requests.filter((q) => q.forwarded && eviction(q)).map((q) => eviction(q)!),
    );
    expect(forwarded.filter((p, i) => forwarded.indexOf(p) !== i)).toEqual([]);
    expect(forwarded).not.toContain(pod);
    expect(third.requests.filter((q) => eviction(q) !== undefined)).toEqual([]);
    // The NetworkChaos was created once only.
    const creates = [first, second, third].flatMap((r) =>
      r.requests.filter((q) => q.forwarded && networkChaosCreate(q)),
    );
    expect(creates.length).toBe(1);
  }, 600_000);
});
