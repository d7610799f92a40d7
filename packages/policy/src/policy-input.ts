import type { Resource } from '@simian/core';

/**
 * A resource as the Rego sees it (`input.resources[_]`, `data.inventory[kind][scope][name]`):
 * Simian's `Resource` without the fields that rules have no use for. `raw` is the Kubernetes object
 * or the AWS SDK v3 response object (PascalCase).
 */
export interface PolicyResource {
  ref: string;
  provider: string;
  kind: string;
  name: string;
  namespace?: string;
  region?: string;
  context?: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
  owner?: string;
  raw: unknown;
}

/** Projects a `Resource` to the shape the rules read. */
export function toPolicyResource(r: Resource): PolicyResource {
  const out: PolicyResource = {
    ref: r.ref,
    provider: r.provider,
    kind: r.kind,
    name: r.name,
    labels: r.labels ?? {},
    annotations: r.annotations ?? {},
    raw: r.raw ?? {},
  };
  if (r.namespace !== undefined) out.namespace = r.namespace;
  if (r.region !== undefined) out.region = r.region;
  if (r.context !== undefined) out.context = r.context;
  if (r.owner !== undefined) out.owner = r.owner;
  return out;
}

/**
 * `data.inventory`: the resources of the kinds that cross-resource rules read (PodDisruptionBudgets,
 * HorizontalPodAutoscalers, Namespaces, ...), as `inventory[kind][scope][name]` where scope is the
 * namespace, else the region, else `_`. Published once per evaluation, so every batch sees all of
 * them, and indexed so a rule looks up its namespace instead of scanning every resource.
 */
export function buildInventory(
  resources: Iterable<Resource>,
  kinds: ReadonlySet<string>,
): Record<string, Record<string, Record<string, PolicyResource>>> {
  const inventory: Record<string, Record<string, Record<string, PolicyResource>>> = {};
  if (kinds.size === 0) return inventory;
  for (const r of resources) {
    if (!kinds.has(r.kind)) continue;
    const scope = r.namespace ?? r.region ?? '_';
    const byScope = (inventory[r.kind] ??= {});
    (byScope[scope] ??= {})[r.name] = toPolicyResource(r);
  }
  return inventory;
}
