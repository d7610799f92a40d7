// The first complaint about the peers (litmus #2359, chaos-mesh #393, #3906, #4433): faults left
// behind when the injector dies. Here `simian run` is killed with SIGKILL in the middle of each
// backend's fault, against the sandbox's real API server and CRDs. What it leaves carries its
// expiry on the object; the next run's reaper removes it within 5 s of that expiry (Chaos Mesh
// would also end a NetworkChaos by its own duration; a netem container ends by itself at the
// expiry written in its command, which kwok cannot run: its command is checked instead).
import { RunSession, silentLogger, Store, type FaultRecord, type RunResult } from '@simian/core';
import { kubernetesProvider } from '@simian/provider-kubernetes';
import { join, dirname } from 'node:path';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { latencyRegistry, loadLatencyConfig, writeLatencyConfig } from './config.js';
import { createSeed003, type Seed003 } from './seed003.js';
import { eventually, simian, type SimianProcess } from './support.js';

const kubeconfig = inject('sandboxKubeconfig');
const BACKENDS = ['network-chaos', 'virtual-service', 'netem', 'network-policy'] as const;
type Backend = (typeof BACKENDS)[number];
const provider = kubernetesProvider.create(
  kubernetesProvider.targetSchema.parse([{ kubeconfig }]),
  {
    logger: silentLogger(),
    configDir: process.cwd(),
  },
);
const scope = provider.scopes()[0]!;
const estates: Seed003[] = [];
const processes: SimianProcess[] = [];
afterAll(async () => {
  for (const p of processes) p.child.kill('SIGKILL');
  await Promise.all(estates.map((e) => e.remove()));
  await provider.close();
});

const faultsIn = async (namespace: string): Promise<FaultRecord[]> =>
  (await provider.listFaults(scope)).filter((f) => f.namespace === namespace);

interface Killed {
  backend: Backend;
  namespace: string;
  config: string;
  fault: FaultRecord;
}

/** Starts `simian run` for `backend`, waits for its fault, and kills it with SIGKILL. */
async function killMidFault(backend: Backend): Promise<Killed> {
  const namespace = `lat-kill-${backend.replace('-', '')}-${Date.now().toString(36)}`;
  estates.push(
    await createSeed003(kubeconfig, namespace, {
      optedIn: [backend === 'network-policy' ? 'back' : 'middle'],
      virtualService: backend === 'virtual-service',
    }),
  );
  const config = writeLatencyConfig(
    kubeconfig,
    namespace,
    `    backend: ${backend}
    fault: { delay: 200ms, duration: 20s }
    measure: { enabled: false }
`,
  );
  const run = simian(['--config', config, 'run', 'latency']);
  processes.push(run);
  const fault = await eventually(
    `the ${backend} fault in ${namespace}`,
    async () => {
      if (run.child.exitCode !== null)
        throw new Error(`simian run ended first:\n${run.stdout()}\n${run.stderr()}`);
      return (await faultsIn(namespace))[0];
    },
    // Four processes start from source at once on two shared cores.
    240_000,
  ).catch((e: Error) => {
    throw new Error(`${e.message}\n${run.stdout()}\n${run.stderr()}`);
  });
  run.child.kill('SIGKILL');
  expect(await run.exit).toEqual({ code: null, signal: 'SIGKILL' });
  return { backend, namespace, config, fault };
}

/** Waits for the fault's expiry, then opens the next run's session, whose reaper removes it. */
async function nextRunReaps(k: Killed): Promise<void> {
  await new Promise((r) => setTimeout(r, Math.max(0, k.fault.expiresAtMs - Date.now() + 100)));
  const store = new Store(join(dirname(k.config), 'simian.db'));
  const session = new RunSession({
    kind: 'run',
    config: loadLatencyConfig(k.config),
    registry: latencyRegistry(),
    store,
    logger: silentLogger(),
  });
  await session.open([], false);
  const result: RunResult = {
    runId: session.runId,
    status: 'completed',
    dryRun: false,
    startedAt: session.now.toISOString(),
    endedAt: session.now.toISOString(),
    monkeys: [],
    incomplete: [],
  };
  await session.close(result);
  store.close();
  expect(
    session.reaped?.removed.map((o) => [o.action.resource.ref, o.status]),
    k.backend,
  ).toEqual([[k.fault.ref, 'succeeded']]);
  expect(await faultsIn(k.namespace), k.backend).toEqual([]);
  expect(
    Date.now() - k.fault.expiresAtMs,
    `${k.backend}: gone within 5 s of its expiry`,
  ).toBeLessThan(5_000);
}

describe('SIGKILL in the middle of a fault, for every backend', () => {
  it('leaves a fault that carries its expiry, and the next run removes it by that expiry plus 5 s', async () => {
    const killed = await Promise.all(BACKENDS.map(killMidFault));
    for (const k of killed) {
      // Still there after the kill, stamped: the run, the monkey, the expiry.
      expect(await faultsIn(k.namespace), k.backend).toEqual([
        expect.objectContaining({
          monkey: 'latency',
          ref: k.fault.ref,
          expiresAt: k.fault.expiresAt,
        }),
      ]);
      const expiresIn = k.fault.expiresAtMs - Date.now();
      expect(expiresIn, k.backend).toBeGreaterThan(0);
      expect(expiresIn, k.backend).toBeLessThanOrEqual(30_000);
    }
    const expected: Record<Backend, RegExp> = {
      'network-chaos': /\/NetworkChaos\.v1alpha1\.chaos-mesh\.org\/simian-latency-middle-/,
      'virtual-service': /\/VirtualService\.v1\.networking\.istio\.io\/middle$/,
      netem: /\/Pod\/middle-/,
      'network-policy': /\/NetworkPolicy\/simian-cut-back-/,
    };
    for (const k of killed) expect(k.fault.ref, k.backend).toMatch(expected[k.backend]);

    // netem: the container's own command ends the fault at the expiry on the object.
    const netem = killed.find((k) => k.backend === 'netem')!;
    const podName = netem.fault.name;
    const pod = await provider.read(netem.fault.ref);
    const raw = pod!.raw as { spec: { ephemeralContainers: Array<{ command: string[] }> } };
    expect(raw.spec.ephemeralContainers.at(-1)!.command[2]).toContain(
      `END=${Math.floor(netem.fault.expiresAtMs / 1000)}`,
    );
    expect(podName).toMatch(/^middle-/);

    // The next run in each namespace, as soon as its fault's expiry has passed: its reaper at open.
    await Promise.all(killed.map(nextRunReaps));
    // What each removal left: the objects of their own are gone; the VirtualService is as it was.
    const vs = killed.find((k) => k.backend === 'virtual-service')!;
    const restored = await provider.read(vs.fault.ref);
    expect((restored!.raw as { spec: unknown }).spec).toEqual({
      hosts: ['middle'],
      http: [{ route: [{ destination: { host: 'middle', port: { number: 80 } } }], timeout: '1s' }],
    });
    for (const k of killed.filter(
      (x) => x.backend === 'network-chaos' || x.backend === 'network-policy',
    )) {
      expect(await provider.read(k.fault.ref), k.backend).toBeUndefined();
    }
  }, 420_000);
});
