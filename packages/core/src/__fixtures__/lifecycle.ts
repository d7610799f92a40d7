// Resources for the lifecycle's unit tests: a stack of two Kubernetes members (the conformity
// monkey's unit) and an AWS volume (the janitor's unit of one), with marks as providers fill them.
import { lifecycleKeys } from '../lifecycle/keys.js';
import type { Resource } from '../types.js';

export const CONFORMITY = lifecycleKeys('conformity.simian.dev', { rules: 'violation' });
export const JANITOR = lifecycleKeys('janitor.simian.dev');

export const DAY = 86_400_000;
export const T0 = new Date('2026-11-02T10:00:00Z');
export const at = (days: number) => new Date(T0.getTime() + days * DAY);

export function kube(kind: string, name: string, owner?: string): Resource {
  return {
    ref: `k8s:test/shop/${kind}/${name}`,
    provider: 'kubernetes',
    kind,
    name,
    namespace: 'shop',
    context: 'test',
    labels: { 'app.kubernetes.io/instance': 'web', ...(owner ? { owner } : {}) },
    annotations: {},
    marks: {},
    ...(owner ? { owner } : {}),
    raw: {},
  };
}

export function volume(id: string, owner?: string): Resource {
  const tags: Record<string, string> = owner ? { owner } : {};
  return {
    ref: `arn:aws:ec2:eu-west-1:123456789012:volume/${id}`,
    provider: 'aws',
    kind: 'Volume',
    name: id,
    context: '123456789012',
    region: 'eu-west-1',
    labels: tags,
    marks: { ...tags },
    ...(owner ? { owner } : {}),
    raw: {},
  };
}

/** A copy of `r` carrying `values` among its marks (the lifecycle reads nothing else). */
export function withMarks(r: Resource, values: Record<string, string>): Resource {
  return { ...r, marks: { ...r.marks, ...values } };
}
