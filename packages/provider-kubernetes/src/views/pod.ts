import type { PodCondition, ResourceViews } from '@simian/core';
import type { KubeObject } from '../kinds/kind.js';
import type { ObjectWithStatus } from './object-fields.js';

/** The annotation kubectl reads to pick a pod's container when none is named. */
const DEFAULT_CONTAINER = 'kubectl.kubernetes.io/default-container';

interface PodObject extends ObjectWithStatus {
  spec?: {
    nodeName?: string;
    containers?: Array<{ name: string }>;
    volumes?: Array<{ emptyDir?: unknown }>;
  };
  status?: {
    phase?: string;
    startTime?: string;
    conditions?: Array<{ type?: string; status?: string }>;
    containerStatuses?: Array<{
      restartCount?: number;
      state?: { terminated?: { finishedAt?: string } };
    }>;
  };
}

/** The pod view of a Pod. */
export function podViews(object: KubeObject): ResourceViews {
  const o = object as PodObject;
  const meta = o.metadata ?? {};
  const conditions: PodCondition[] = (o.status?.conditions ?? [])
    .filter((c) => c.type !== undefined && c.status !== undefined)
    .map((c) => ({ type: c.type!, status: c.status! }));
  const containers = (o.spec?.containers ?? []).map((c) => c.name);
  const named = meta.annotations?.[DEFAULT_CONTAINER];
  const defaultContainer = named && containers.includes(named) ? named : containers[0];
  const phase = o.status?.phase;
  const finishedAt =
    phase === 'Succeeded' || phase === 'Failed'
      ? latest((o.status?.containerStatuses ?? []).map((c) => c.state?.terminated?.finishedAt))
      : undefined;
  return {
    pod: {
      ...(meta.uid ? { uid: meta.uid } : {}),
      ...(o.status?.phase ? { phase: o.status.phase } : {}),
      ready: conditions.some((c) => c.type === 'Ready' && c.status === 'True'),
      terminating: meta.deletionTimestamp !== undefined,
      restarts: (o.status?.containerStatuses ?? []).reduce((n, c) => n + (c.restartCount ?? 0), 0),
      containers,
      ...(defaultContainer !== undefined ? { defaultContainer } : {}),
      conditions,
      ...(o.spec?.nodeName ? { node: o.spec.nodeName } : {}),
      ...(o.status?.startTime ? { startTime: o.status.startTime } : {}),
      ...(finishedAt ? { finishedAt } : {}),
      ...((o.spec?.volumes ?? []).some((v) => v.emptyDir !== undefined && v.emptyDir !== null)
        ? { localStorage: true }
        : {}),
    },
  };
}

/** The latest of some RFC 3339 times, as written. */
function latest(times: Array<string | undefined>): string | undefined {
  let best: string | undefined;
  for (const t of times) {
    if (t && (!best || Date.parse(t) > Date.parse(best))) best = t;
  }
  return best;
}
