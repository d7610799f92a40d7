import { workloadGroupKey, type Resource } from '@simian/core';
import type { WorkloadKind } from '../config.js';

/** A workload and the pods it controls. */
export interface WorkloadGroup {
  /** `<context>/<namespace>/<Kind>/<name>`. */
  key: string;
  workload: Resource;
  /** The ReplicaSets between a Deployment and its pods (empty for other kinds). */
  replicaSets: Resource[];
  pods: Resource[];
}

/** A pod that belongs to no workload the chaos monkey may act on, and why. */
export interface UngroupedPod {
  pod: Resource;
  reason: string;
}

/** The listings {@link groupPodsByWorkload} works from, all of one context. */
export interface PodGroupingInput {
  pods: Resource[];
  replicaSets: Resource[];
  /** Listed workloads of the kinds in `kinds`. */
  workloads: Resource[];
  kinds: readonly WorkloadKind[];
}

/**
 * Groups pods by their top controller, through the controlling ownerReferences: Pod ->
 * ReplicaSet -> Deployment, or Pod -> StatefulSet / DaemonSet / standalone ReplicaSet. A pod whose
 * chain does not end in a listed workload of an enabled kind is set aside with the reason.
 */
export function groupPodsByWorkload(input: PodGroupingInput): {
  groups: WorkloadGroup[];
  ungrouped: UngroupedPod[];
} {
  const at = (r: Resource, kind: string, name: string) =>
    workloadGroupKey({ scope: r.context ?? '', namespace: r.namespace ?? '_', kind, name });
  const workloads = new Map(input.workloads.map((w) => [at(w, w.kind, w.name), w]));
  const replicaSets = new Map(input.replicaSets.map((rs) => [at(rs, 'ReplicaSet', rs.name), rs]));
  const groups = new Map<string, WorkloadGroup>();
  const ungrouped: UngroupedPod[] = [];
  const enabled = new Set<string>(input.kinds);

  for (const pod of input.pods) {
    const c = pod.controller;
    if (!c) {
      ungrouped.push({ pod, reason: 'a bare pod: no controller would replace it' });
      continue;
    }
    let kind = c.kind;
    let name = c.name;
    let via: Resource | undefined;
    if (kind === 'ReplicaSet') {
      via = replicaSets.get(at(pod, 'ReplicaSet', name));
      if (!via) {
        ungrouped.push({ pod, reason: `its ReplicaSet ${name} is not in the listing` });
        continue;
      }
      if (via.controller) {
        kind = via.controller.kind;
        name = via.controller.name;
      }
    }
    const key = at(pod, kind, name);
    if (!enabled.has(kind)) {
      ungrouped.push({ pod, reason: `controlled by ${kind} ${name}, not a chaos target kind` });
      continue;
    }
    const workload = workloads.get(key);
    if (!workload) {
      ungrouped.push({ pod, reason: `its ${kind} ${name} is not in the listing` });
      continue;
    }
    let group = groups.get(key);
    if (!group) {
      group = { key, workload, replicaSets: [], pods: [] };
      groups.set(key, group);
    }
    if (via && kind !== 'ReplicaSet' && !group.replicaSets.includes(via))
      group.replicaSets.push(via);
    group.pods.push(pod);
  }
  // Sorted, so a seeded rng makes the same choices whatever order the API listed things in.
  const sorted = [...groups.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  for (const g of sorted) g.pods.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { groups: sorted, ungrouped };
}
