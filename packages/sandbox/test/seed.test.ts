import { BatchV1Api, CoreV1Api, KubernetesObjectApi } from '@kubernetes/client-node';
import { describe, expect, inject, it } from 'vitest';
import { readSeedManifests } from '../src/seed-kubernetes.js';
import { isSettled } from '../src/seed-settle.js';
import { sandboxKubeConfig, sandboxSeed } from '@simian/sandbox';

const kc = sandboxKubeConfig({ kubeconfig: inject('sandboxKubeconfig') });

describe('the Kubernetes seed', () => {
  it('is in the cluster, every object as its manifest promises', async () => {
    const client = KubernetesObjectApi.makeApiClient(kc);
    for (const { object } of await readSeedManifests()) {
      const live = await client.read(object);
      expect(isSettled(live), `${object.kind} ${object.metadata.name}`).toBe(true);
    }
  });

  it('has one completed and one failed Job, each finished by the job controller', async () => {
    const jobs = await kc.makeApiClient(BatchV1Api).listNamespacedJob({ namespace: 'reports' });
    const status = (name: string) =>
      jobs.items
        .find((j) => j.metadata?.name === name)
        ?.status?.conditions?.filter((c) => c.status === 'True')
        .map((c) => `${c.type}${c.reason ? `:${c.reason}` : ''}`);
    expect(status('backfill-2026-10')).toContain('Complete:CompletionsReached');
    expect(status('quarterly-rollup')).toContain('Failed:DeadlineExceeded');
  });

  it('has a bound claim that no pod mounts', async () => {
    const core = kc.makeApiClient(CoreV1Api);
    const claim = await core.readNamespacedPersistentVolumeClaim({
      name: 'ledger-backup-2024',
      namespace: 'ledger',
    });
    expect(claim.status?.phase).toBe('Bound');
    const pods = await core.listPodForAllNamespaces();
    const mounted = pods.items
      .flatMap((p) => p.spec?.volumes ?? [])
      .map((v) => v.persistentVolumeClaim?.claimName);
    expect(mounted).not.toContain('ledger-backup-2024');
  });

  it('seeds again without changing anything that was seeded', async () => {
    const result = await sandboxSeed({ cwd: inject('sandboxCwd'), aws: false });
    expect(result.kubernetes).toContain('Deployment storefront/web');
    const web = await kc.makeApiClient(CoreV1Api).listNamespacedPod({
      namespace: 'storefront',
      labelSelector: 'app.kubernetes.io/instance=storefront-web',
    });
    expect(
      web.items.filter((p) => p.status?.phase === 'Running' && !p.metadata?.deletionTimestamp),
    ).toHaveLength(3);
  });
});
