// chaosk8s.pod.actions.terminate_pods, run natively against the sandbox with targets built as
// `simian experiment run --config` builds them (gated executor, ledger, fresh read, dry-run).
import { kubernetesProvider } from '@simian/provider-kubernetes';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  activityHarness,
  createNamespace,
  kubeClients,
  livePods,
  podUids,
  registryOf,
  uniqueName,
  waitReady,
  workloadBody,
} from './support.js';

const kubeconfig = inject('sandboxKubeconfig');
const k = kubeClients(kubeconfig);
const ns = uniqueName('chaos-exp');
const { run, ledger, config } = activityHarness({
  registry: registryOf([kubernetesProvider]),
  kubeconfig,
  namespaces: ns,
  runId: 'experiment-test',
  activity: 'terminate-web-pods',
  seed: 4,
});
const terminatePods = (
  args: Record<string, unknown>,
  options: { dryRun?: boolean; config?: ReturnType<typeof config> } = {},
) => run('chaosk8s.pod.actions.terminate_pods', args, options);

beforeAll(async () => {
  await createNamespace(k, ns);
  const body = workloadBody('web', {});
  await k.apps.createNamespacedDeployment({
    namespace: ns,
    body: { ...body, spec: { ...body.spec, replicas: 4 } },
  });
  await waitReady(k, ns, 'web', 4);
});
afterAll(async () => {
  await k.core.deleteNamespace({ name: ns }).catch(() => undefined);
});

describe('chaosk8s.pod.actions.terminate_pods', () => {
  it('deletes the first pods by name (percentage, rounded up) through the ledger, and returns their names', async () => {
    const before = (await livePods(k, ns, 'web')).map((p) => p.metadata!.name!).sort();
    const out = await terminatePods(
      { label_selector: 'app=web', ns, mode: 'percentage', qty: 30, grace_period: 0 },
      {},
    );
    expect(out).toEqual(before.slice(0, 2));
    const rows = ledger();
    expect(rows.map((r) => [r.monkey, r.verb, r.status, r.ref.split('/').pop()]).sort()).toEqual(
      before.slice(0, 2).map((n) => ['experiment', 'delete', 'succeeded', n]),
    );
    expect(rows[0]!.reason).toBe(
      'experiment activity "terminate-web-pods" (chaosk8s.pod.actions.terminate_pods)',
    );
    expect(rows[0]!.group).toMatch(new RegExp(`/${ns}/Deployment/web$`));
    await waitReady(k, ns, 'web', 4);
    const now = (await livePods(k, ns, 'web')).map((p) => p.metadata!.name!);
    for (const gone of before.slice(0, 2)) expect(now).not.toContain(gone);
  });

  it('in dry-run, names the pods it would delete and deletes none', async () => {
    const before = await podUids(k, ns);
    const out = await terminatePods(
      { label_selector: 'app=web', ns, rand: true, qty: 1 },
      { dryRun: true },
    );
    expect(out).toHaveLength(1);
    expect(ledger().map((r) => r.status)).toEqual(['dry-run']);
    expect(await podUids(k, ns)).toEqual(before);
  });

  it('fails, naming each pod and the rule, when the safety gate holds the pods back', async () => {
    const before = await podUids(k, ns);
    const guarded = config(`safety:\n  protected:\n    namespaces: [${ns}]\n`);
    await expect(
      terminatePods({ label_selector: 'app=web', ns, qty: 1 }, { config: guarded }),
    ).rejects.toThrow(
      new RegExp(
        `^1 of 1 pods were not terminated: web-\\S+ \\(skipped: changed since planning: namespace "${ns}" is protected\\)$`,
      ),
    );
    expect(await podUids(k, ns)).toEqual(before);
  });
});
