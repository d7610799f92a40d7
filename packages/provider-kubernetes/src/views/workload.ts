import type {
  LabelSelector,
  ResourceViews,
  TemplateContainer,
  WorkloadCondition,
} from '@simian/core';
import type { KubeObject } from '../kinds/kind.js';
import {
  controllerUidOf,
  numberOr,
  statusIsCurrent,
  type ObjectWithStatus,
} from './object-fields.js';

/** The annotation the Deployment controller numbers a Deployment's revisions (and ReplicaSets) with. */
const REVISION = 'deployment.kubernetes.io/revision';

interface WorkloadObject extends ObjectWithStatus {
  spec?: {
    replicas?: number;
    selector?: LabelSelector;
    template?: {
      metadata?: { labels?: Record<string, string> };
      spec?: { containers?: Array<{ name: string; image?: string }> };
    };
  };
}

/**
 * Where a workload kind's status counts its pods: the status field of each count, and how many it
 * wants. The API leaves counts of 0 out of a status, so an absent count is 0.
 */
export interface WorkloadCounts {
  desired: (object: WorkloadObject) => number;
  ready: string;
  available: string;
  /** Absent for a kind whose status does not count pods of its current template (ReplicaSet). */
  updated?: string;
}

/** The API defaults `spec.replicas` to 1. */
const replicas = (o: WorkloadObject) => o.spec?.replicas ?? 1;

/** Deployments and StatefulSets. */
export const ROLLING_REPLICAS: WorkloadCounts = {
  desired: replicas,
  ready: 'readyReplicas',
  available: 'availableReplicas',
  updated: 'updatedReplicas',
};

/** ReplicaSets: one template, so no count of updated pods. */
export const REPLICAS: WorkloadCounts = {
  desired: replicas,
  ready: 'readyReplicas',
  available: 'availableReplicas',
};

/** DaemonSets: one pod per eligible node. */
export const DAEMON_SET: WorkloadCounts = {
  desired: (o) => numberOr(o.status?.desiredNumberScheduled) ?? 0,
  ready: 'numberReady',
  available: 'numberAvailable',
  updated: 'updatedNumberScheduled',
};

function revisionOf(object: KubeObject): number | undefined {
  const value = Number(object.metadata?.annotations?.[REVISION]);
  return Number.isInteger(value) && value > 0 ? value : undefined;
}

/** The workload view of a kind whose status counts its pods as `counts` says. */
export const workloadViews =
  (counts: WorkloadCounts) =>
  (object: KubeObject): ResourceViews => {
    const o = object as WorkloadObject;
    const count = (field: string) => numberOr(o.status?.[field]) ?? 0;
    const meta = o.metadata ?? {};
    const template = o.spec?.template;
    const containers: TemplateContainer[] = (template?.spec?.containers ?? []).map((c) => ({
      name: c.name,
      ...(c.image !== undefined ? { image: c.image } : {}),
    }));
    const controllerUid = controllerUidOf(o);
    const revision = revisionOf(o);
    return {
      workload: {
        desired: counts.desired(o),
        ready: count(counts.ready),
        available: count(counts.available),
        ...(counts.updated ? { updated: count(counts.updated) } : {}),
        statusCurrent: statusIsCurrent(o),
        ...(o.spec?.selector ? { selector: o.spec.selector } : {}),
        ...(template?.metadata?.labels ? { templateLabels: template.metadata.labels } : {}),
        containers,
        ...(meta.uid ? { uid: meta.uid } : {}),
        ...(controllerUid ? { controllerUid } : {}),
        ...(meta.resourceVersion ? { version: meta.resourceVersion } : {}),
        ...(revision !== undefined ? { revision } : {}),
        ...conditionsOf(o),
      },
    };
  };

/** The status conditions of a workload, when it reports any. */
function conditionsOf(o: WorkloadObject): { conditions?: WorkloadCondition[] } {
  const raw = o.status?.conditions;
  if (!Array.isArray(raw) || raw.length === 0) return {};
  const conditions = (raw as Array<{ type?: unknown; status?: unknown; reason?: unknown }>)
    .filter((c) => typeof c.type === 'string' && typeof c.status === 'string')
    .map((c) => ({
      type: c.type as string,
      status: c.status as string,
      ...(typeof c.reason === 'string' ? { reason: c.reason } : {}),
    }));
  return { conditions };
}
