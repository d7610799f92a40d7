import { describe, expect, it } from 'vitest';
import { builtinKind } from './kinds/builtin-kinds.js';
import { cleanObject, toResource } from './to-resource.js';

const where = { context: 'prod', ownerLabel: 'owner' };

describe('toResource', () => {
  it('fills ref, owner, controller and creation time from the object', () => {
    const pod = builtinKind('Pod')!;
    const r = toResource(
      pod,
      cleanObject(pod, {
        metadata: {
          name: 'web-1',
          namespace: 'shop',
          creationTimestamp: '2026-11-01T10:00:00Z',
          labels: { owner: 'team-a', app: 'web' },
          annotations: { note: 'x' },
          ownerReferences: [
            { apiVersion: 'v1', kind: 'Other', name: 'o', uid: '1' },
            {
              apiVersion: 'apps/v1',
              kind: 'ReplicaSet',
              name: 'web-abc',
              uid: '2',
              controller: true,
            },
          ],
          managedFields: [{ manager: 'kubectl' }],
        },
        spec: {},
      }),
      where,
    );
    expect(r).toMatchObject({
      ref: 'k8s:prod/shop/Pod/web-1',
      provider: 'kubernetes',
      kind: 'Pod',
      name: 'web-1',
      namespace: 'shop',
      context: 'prod',
      owner: 'team-a',
      controller: { kind: 'ReplicaSet', name: 'web-abc' },
      createdAt: '2026-11-01T10:00:00Z',
      annotations: { note: 'x' },
      marks: { note: 'x' },
    });
    expect(r.raw).toMatchObject({ apiVersion: 'v1', kind: 'Pod' });
    expect((r.raw as { metadata: object }).metadata).not.toHaveProperty('managedFields');
  });

  it("drops the values of a Secret, including kubectl's last-applied copy", () => {
    const secret = builtinKind('Secret')!;
    const cleaned = cleanObject(secret, {
      metadata: {
        name: 's',
        namespace: 'ns',
        annotations: {
          keep: 'me',
          'kubectl.kubernetes.io/last-applied-configuration': '{"data":{"password":"c2VjcmV0"}}',
        },
      },
      data: { password: 'c2VjcmV0' },
      stringData: { token: 'plain' },
      type: 'Opaque',
    });
    expect(cleaned).not.toHaveProperty('data');
    expect(cleaned).not.toHaveProperty('stringData');
    expect(cleaned.type).toBe('Opaque');
    expect(cleaned.metadata?.annotations).toEqual({ keep: 'me' });
    expect(JSON.stringify(cleaned)).not.toContain('c2VjcmV0');
  });

  it('cluster-scoped kinds have no namespace and use _ in the ref', () => {
    const node = builtinKind('Node')!;
    const r = toResource(node, cleanObject(node, { metadata: { name: 'n1' } }), where);
    expect(r.ref).toBe('k8s:prod/_/Node/n1');
    expect(r).not.toHaveProperty('namespace');
  });
});
