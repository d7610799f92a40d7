import { describe, expect, it } from 'vitest';
import { manifestArgumentsSchema, manifestObjects, manifestRefKind } from './manifest.js';
import { templatePatch } from './rollback-deployment.js';

describe('manifests', () => {
  it('addresses built-in kinds by kind and custom resources by Kind.version.group', () => {
    expect(manifestRefKind('v1', 'ConfigMap')).toBe('ConfigMap');
    expect(manifestRefKind('apps/v1', 'Deployment')).toBe('Deployment');
    expect(manifestRefKind('networking.k8s.io/v1', 'NetworkPolicy')).toBe('NetworkPolicy');
    expect(manifestRefKind('chaos-mesh.org/v1alpha1', 'NetworkChaos')).toBe(
      'NetworkChaos.v1alpha1.chaos-mesh.org',
    );
  });

  it('takes exactly one of path and manifest', () => {
    expect(manifestArgumentsSchema.safeParse({}).success).toBe(false);
    expect(manifestArgumentsSchema.safeParse({ path: 'a.yaml', manifest: {} }).success).toBe(false);
    expect(manifestArgumentsSchema.parse({ path: 'a.yaml' })).toEqual({
      path: 'a.yaml',
      ns: 'default',
    });
  });

  it('puts objects without a namespace in ns, and rejects one without a name', async () => {
    const [cm] = await manifestObjects(
      'fn',
      manifestArgumentsSchema.parse({
        manifest: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' } },
        ns: 'shop',
      }),
      'kind-sandbox',
    );
    expect(cm?.ref).toBe('k8s:kind-sandbox/shop/ConfigMap/a');
    await expect(
      manifestObjects(
        'fn',
        manifestArgumentsSchema.parse({ manifest: { apiVersion: 'v1', kind: 'ConfigMap' } }),
        'c',
      ),
    ).rejects.toThrow('fn: object 1 of the manifest has no apiVersion, kind or metadata.name');
  });
});

describe('rollback_deployment template patch', () => {
  it('replaces the template, removing labels, annotations and spec fields the target lacks', () => {
    expect(
      templatePatch(
        {
          metadata: { labels: { app: 'web', extra: 'x' }, annotations: { restartedAt: 't' } },
          spec: { containers: [{ name: 'main', image: 'nginx:2' }], hostNetwork: true },
        },
        {
          metadata: { labels: { app: 'web' } },
          spec: { containers: [{ name: 'main', image: 'nginx:1' }] },
        },
      ),
    ).toEqual({
      spec: {
        template: {
          metadata: { labels: { app: 'web', extra: null }, annotations: { restartedAt: null } },
          spec: { containers: [{ name: 'main', image: 'nginx:1' }], hostNetwork: null },
        },
      },
    });
  });
});
