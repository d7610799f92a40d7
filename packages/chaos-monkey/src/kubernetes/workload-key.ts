import { parseWorkloadGroupKey, workloadRef, type Provider, type ResourceRef } from '@simian/core';

/** The ref of the workload a group key names, as `provider` writes refs. */
export function workloadRefOf(provider: Provider, key: string): ResourceRef | undefined {
  const address = parseWorkloadGroupKey(key);
  return address && workloadRef(provider, address);
}

/** The workload's kind and name, from its group key (`Deployment storefront/web`). */
export function describeWorkload(key: string): string {
  const a = parseWorkloadGroupKey(key);
  return a ? `${a.kind} ${a.namespace}/${a.name}` : key;
}
