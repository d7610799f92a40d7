// The real CRDs the sandbox installs at `up` (Chaos Mesh, Istio, PolicyReport, OpenReports; no
// controllers): each group is served, and the real schemas judge what is created.
import { ApisApi, CustomObjectsApi } from '@kubernetes/client-node';
import { describe, expect, inject, it } from 'vitest';
import { sandboxCrdGroups, sandboxKubeConfig } from '@simian/sandbox';

const kc = sandboxKubeConfig({ kubeconfig: inject('sandboxKubeconfig') });
const objects = kc.makeApiClient(CustomObjectsApi);

describe('the CRDs installed at sandbox up', () => {
  it('serves every group, with the kinds Simian writes', async () => {
    const groups = await kc.makeApiClient(ApisApi).getAPIVersions();
    const served = new Map(groups.groups.map((g) => [g.name, g.versions.map((v) => v.version)]));
    for (const group of sandboxCrdGroups) expect(served.has(group), group).toBe(true);
    expect(served.get('chaos-mesh.org')).toContain('v1alpha1');
    expect(served.get('networking.istio.io')).toEqual(expect.arrayContaining(['v1', 'v1beta1']));
    expect(served.get('wgpolicyk8s.io')).toContain('v1alpha2');
    expect(served.get('openreports.io')).toContain('v1alpha1');

    const kinds = async (gv: string) =>
      (
        await kc
          .makeApiClient(CustomObjectsApi)
          .getAPIResources({ group: gv.split('/')[0]!, version: gv.split('/')[1]! })
      ).resources.map((r) => r.kind);
    expect(await kinds('chaos-mesh.org/v1alpha1')).toEqual(
      expect.arrayContaining(['NetworkChaos', 'PodChaos', 'StressChaos']),
    );
    expect(await kinds('networking.istio.io/v1')).toEqual(
      expect.arrayContaining(['VirtualService', 'DestinationRule']),
    );
    expect(await kinds('wgpolicyk8s.io/v1alpha2')).toEqual(
      expect.arrayContaining(['PolicyReport', 'ClusterPolicyReport']),
    );
    expect(await kinds('openreports.io/v1alpha1')).toEqual(
      expect.arrayContaining(['Report', 'ClusterReport']),
    );
  });

  it('judges objects by the real schema: a NetworkChaos without a mode, or with a latency that is no duration, is refused', async () => {
    const create = (spec: Record<string, unknown>) =>
      objects.createNamespacedCustomObject({
        group: 'chaos-mesh.org',
        version: 'v1alpha1',
        namespace: 'default',
        plural: 'networkchaos',
        dryRun: 'All',
        body: {
          apiVersion: 'chaos-mesh.org/v1alpha1',
          kind: 'NetworkChaos',
          metadata: { name: 'schema-check' },
          spec,
        },
      });
    const selector = { namespaces: ['default'], labelSelectors: { app: 'web' } };
    await expect(
      create({ action: 'delay', selector, delay: { latency: '100ms' } }),
    ).rejects.toMatchObject({ code: 422, body: expect.stringContaining('spec.mode') });
    await expect(
      create({ action: 'delay', mode: 'all', selector, delay: { latency: 'slow' } }),
    ).rejects.toMatchObject({ code: 422, body: expect.stringContaining('spec.delay.latency') });
    await expect(
      create({
        action: 'delay',
        mode: 'all',
        selector,
        delay: { latency: '100ms' },
        duration: '30s',
      }),
    ).resolves.toMatchObject({ kind: 'NetworkChaos' });
  });
});
