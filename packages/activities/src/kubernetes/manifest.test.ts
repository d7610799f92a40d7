import { refFromParts } from '@simian/provider-kubernetes';
import { describe, expect, it } from 'vitest';
import {
  manifestArgumentsSchema,
  manifestKind,
  manifestObjects,
  type ManifestRef,
} from './manifest.js';

/** Refs in context `scope`, as the Kubernetes provider builds them. */
const refsIn =
  (scope: string): ManifestRef =>
  (o) =>
    refFromParts({ scope, ...o });
/** The ref kind the provider gives an object of `apiVersion`/`kind` (its ref's kind segment). */
const refKindOf = (apiVersion: string, kind: string) =>
  refsIn('c')({ kind: manifestKind(apiVersion, kind), namespace: 'n', name: 'x' }).split('/')[2];
import { templatePatch } from './rollback-deployment.js';

describe('manifests', () => {
  it('addresses built-in kinds by kind and custom resources by Kind.version.group', () => {
    expect(refKindOf('v1', 'ConfigMap')).toBe('ConfigMap');
    expect(refKindOf('apps/v1', 'Deployment')).toBe('Deployment');
    expect(refKindOf('networking.k8s.io/v1', 'NetworkPolicy')).toBe('NetworkPolicy');
    expect(refKindOf('chaos-mesh.org/v1alpha1', 'NetworkChaos')).toBe(
      'NetworkChaos.v1alpha1.chaos-mesh.org',
    );
    expect(manifestKind('chaos-mesh.org/v1alpha1', 'NetworkChaos')).toBe(
      'chaos-mesh.org/v1alpha1/NetworkChaos',
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
      refsIn('kind-sandbox'),
    );
    expect(cm?.ref).toBe('k8s:kind-sandbox/shop/ConfigMap/a');
    await expect(
      manifestObjects(
        'fn',
        manifestArgumentsSchema.parse({ manifest: { apiVersion: 'v1', kind: 'ConfigMap' } }),
        refsIn('c'),
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
