import type { Resource } from '@simian/core';

/**
 * The blast-radius group of a workload: `<context>/<namespace>/<Kind>/<name>`. It is the
 * workload's ref without the `k8s:` prefix, so the one can be made from the other.
 */
export const workloadKey = (
  context: string,
  namespace: string,
  kind: string,
  name: string,
): string => `${context}/${namespace}/${kind}/${name}`;

/** The group key of a listed workload. */
export const workloadKeyOf = (r: Resource): string =>
  workloadKey(r.context ?? '', r.namespace ?? '_', r.kind, r.name);

/** The workload's ref, from its group key. */
export const workloadRefOf = (key: string): string => `k8s:${key}`;

/** The workload's kind and name, from its group key (`Deployment storefront/web`). */
export function describeWorkload(key: string): string {
  const parts = key.split('/');
  const name = parts.pop();
  const kind = parts.pop();
  const namespace = parts.pop();
  return `${kind} ${namespace}/${name}`;
}
