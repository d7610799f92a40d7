import type { NodeCondition, ResourceViews } from '@simian/core';
import type { KubeObject } from '../kinds/kind.js';

interface NodeObject extends KubeObject {
  spec?: { unschedulable?: boolean };
  status?: { conditions?: Array<{ type?: string; status?: string }> };
}

/** The node view of a Node: ready, cordoned, its conditions. */
export function nodeStateViews(object: KubeObject): ResourceViews {
  const o = object as NodeObject;
  const conditions: NodeCondition[] = (o.status?.conditions ?? [])
    .filter((c) => c.type !== undefined && c.status !== undefined)
    .map((c) => ({ type: c.type!, status: c.status! }));
  return {
    node: {
      ready: conditions.some((c) => c.type === 'Ready' && c.status === 'True'),
      unschedulable: o.spec?.unschedulable === true,
      conditions,
    },
  };
}
