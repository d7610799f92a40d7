import type { JobView, ResourceViews } from '@simian/core';
import type { KubeObject } from '../kinds/kind.js';

interface JobObject extends KubeObject {
  spec?: { ttlSecondsAfterFinished?: number };
  status?: {
    completionTime?: string;
    conditions?: Array<{ type?: string; status?: string; lastTransitionTime?: string }>;
  };
}

/**
 * The job view of a Job. It has finished when its `Complete` or `Failed` condition is true (the
 * job controller sets exactly one); a `Failed` Job has no completion time, so the condition's
 * transition time says when.
 */
export function jobViews(object: KubeObject): ResourceViews {
  const o = object as JobObject;
  const done = (o.status?.conditions ?? []).find(
    (c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True',
  );
  const finishedAt =
    done?.type === 'Complete'
      ? (o.status?.completionTime ?? done.lastTransitionTime)
      : done?.lastTransitionTime;
  const view: JobView = {
    ...(done ? { finished: done.type as JobView['finished'] } : {}),
    ...(finishedAt ? { finishedAt } : {}),
    ...(typeof o.spec?.ttlSecondsAfterFinished === 'number'
      ? { ttlSecondsAfterFinished: o.spec.ttlSecondsAfterFinished }
      : {}),
  };
  return { job: view };
}
