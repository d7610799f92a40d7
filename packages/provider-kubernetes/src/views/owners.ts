import type { OwnerView, ResourceViews } from '@simian/core';
import type { KubeObject } from '../kinds/kind.js';

/** Every ownerReference of the object, or no view when it has none. */
export function ownerViews(object: KubeObject): ResourceViews {
  const refs = object.metadata?.ownerReferences ?? [];
  if (refs.length === 0) return {};
  const owners: OwnerView[] = refs.map((r) => ({
    kind: r.kind,
    name: r.name,
    controller: r.controller === true,
  }));
  return { owners };
}
