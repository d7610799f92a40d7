import { FAULT_ACTIVE_KEY, readFaultStamp, TargetError, type FaultRecord } from '@simian/core';
import type { KubeCluster } from '../cluster.js';
import { listKind } from '../list.js';
import { FAULT_KINDS } from './fault-kinds.js';

/**
 * Every object of the fault kinds in `cluster` that carries the fault label, read by label
 * selector (one paginated list per kind). A custom kind the cluster does not serve is skipped (no
 * fault can be there); any other failure throws: an unlisted scope is unknown, not clean.
 */
export async function listClusterFaults(
  cluster: KubeCluster,
  signal?: AbortSignal,
): Promise<FaultRecord[]> {
  const out: FaultRecord[] = [];
  for (const name of FAULT_KINDS) {
    let kind;
    try {
      kind = await cluster.kind(name, signal);
    } catch (error) {
      if (error instanceof TargetError && /is unknown/.test(error.message)) continue;
      throw error;
    }
    const items = await listKind(cluster, kind, {
      labelSelector: FAULT_ACTIVE_KEY,
      ...(signal ? { signal } : {}),
    });
    for (const r of items) {
      const stamp = readFaultStamp({ ...r.labels, ...r.annotations });
      if (!stamp) continue;
      out.push({
        ...stamp,
        ref: r.ref,
        provider: r.provider,
        kind: r.kind,
        name: r.name,
        ...(r.namespace ? { namespace: r.namespace } : {}),
        scope: cluster.name,
      });
    }
  }
  return out;
}
