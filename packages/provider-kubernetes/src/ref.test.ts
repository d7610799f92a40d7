import { describe, expect, it } from 'vitest';
import { buildRef, parseRef, refFromParts } from './ref.js';

describe('refs', () => {
  it('round-trips namespaced and cluster-scoped refs', () => {
    const pod = { context: 'prod', namespace: 'shop', refKind: 'Pod', name: 'web-1' };
    expect(buildRef(pod)).toBe('k8s:prod/shop/Pod/web-1');
    expect(parseRef('k8s:prod/shop/Pod/web-1')).toEqual(pod);
    expect(buildRef({ context: 'prod', refKind: 'Node', name: 'n1' })).toBe('k8s:prod/_/Node/n1');
    expect(parseRef('k8s:prod/_/Node/n1')).toEqual({
      context: 'prod',
      refKind: 'Node',
      name: 'n1',
    });
  });

  it('keeps a context that contains slashes (an EKS ARN)', () => {
    const context = 'arn:aws:eks:eu-west-1:123456789012:cluster/prod';
    const ref = buildRef({
      context,
      namespace: 'shop',
      refKind: 'NetworkChaos.v1alpha1.chaos-mesh.org',
      name: 'delay',
    });
    expect(parseRef(ref)).toEqual({
      context,
      namespace: 'shop',
      refKind: 'NetworkChaos.v1alpha1.chaos-mesh.org',
      name: 'delay',
    });
  });

  it('refuses what is not a Kubernetes ref, naming it', () => {
    expect(() => parseRef('arn:aws:ec2:us-east-1:1:instance/i-1')).toThrow(
      /"arn:aws:ec2.*" is not a Kubernetes ref/,
    );
    expect(() => parseRef('k8s:prod/Pod/web')).toThrow(/not a Kubernetes ref/);
    expect(() => parseRef('k8s:prod//Pod/web')).toThrow(/not a Kubernetes ref/);
  });
});

describe('refs from parts', () => {
  it('builds refs from kinds as monkeys name them, built-in or custom', () => {
    expect(
      refFromParts({ scope: 'prod', kind: 'Deployment', namespace: 'shop', name: 'web' }),
    ).toBe('k8s:prod/shop/Deployment/web');
    expect(
      refFromParts({
        scope: 'prod',
        kind: 'chaos-mesh.org/v1alpha1/NetworkChaos',
        namespace: 'shop',
        name: 'delay',
      }),
    ).toBe('k8s:prod/shop/NetworkChaos.v1alpha1.chaos-mesh.org/delay');
    expect(refFromParts({ scope: 'prod', kind: 'Node', namespace: 'shop', name: 'n1' })).toBe(
      'k8s:prod/_/Node/n1',
    );
  });

  it('refuses a namespaced kind without its namespace, and a kind it does not know', () => {
    expect(() => refFromParts({ scope: 'prod', kind: 'Pod', name: 'web-1' })).toThrow(
      'a Pod ref needs a namespace (web-1)',
    );
    expect(() => refFromParts({ scope: 'prod', kind: 'Widget', name: 'w' })).toThrow(
      '"Widget" is no Kubernetes kind Simian knows',
    );
  });
});
