import { selectorMatches, selectorQuery, type Action, type Provider } from '@simian/core';
import { plannedPodUid } from '../kubernetes/pod-kill-action.js';
import { isReadyPod, isTerminating, podUid, restartCount } from '../kubernetes/pod-state.js';
import { describeWorkload, workloadRefOf } from '../kubernetes/workload-key.js';
import { workloadView } from '../kubernetes/workload-health.js';
import type { RecoveryLook } from './recovery.js';

/** What is known about the victim just before the kill. */
export interface PodBeforeKill {
  /** Restarts of its containers, for container-kill. */
  restarts: number;
  /** The workload's version just before the kill. */
  workloadVersion?: string;
}

/**
 * One look at a workload after one of its pods was killed. It counts ready pods itself (those the
 * workload's selector picks in its namespace, not being deleted, the victim not counted) rather
 * than trusting the ready count of its status, which lags the kill by a controller sync: right
 * after an eviction the status still says "3 of 3 ready" and recovery would read as instant.
 *
 * Recovered means: the victim is gone or being deleted (a container-kill: it restarted and is
 * ready again), the ready pods are back to the workload's desired count, and the workload's own
 * status, written since the kill, says so as well (the next kill's re-check goes by that status).
 * A kill always makes the controller write the status (the victim leaves its ready count), so a
 * status unchanged since the kill is a stale one.
 */
export function podRecoveryLook(
  provider: Provider,
  action: Action,
  before: PodBeforeKill,
  signal: AbortSignal,
): () => Promise<RecoveryLook> {
  const group = action.group ?? '';
  const context = action.resource.context ?? '';
  const namespace = action.resource.namespace;
  const victimUid = plannedPodUid(action);
  const containerKill = action.verb === 'kill-container';
  const ref = workloadRefOf(provider, group);
  return async () => {
    const workload = ref && (await provider.read(ref, { signal }));
    if (!workload) return { done: false, hopeless: `${describeWorkload(group)} was deleted` };
    const view = workloadView(workload);
    if (!view) {
      return { done: false, hopeless: `${describeWorkload(group)}: its provider gave no state` };
    }
    const { desired, selector } = view;
    const query = selectorQuery(selector);
    const pods = (
      await provider.list('Pod', context, { signal, ...(query ? { labelSelector: query } : {}) })
    ).filter(
      (p) =>
        p.namespace === namespace &&
        p.controller !== undefined &&
        selectorMatches(selector, p.labels),
    );
    // The controller must see it too (the next kill's re-check reads the workload's status), in a
    // status written after the kill: until the controller has processed the kill, the status is
    // the one from before it, and says "all ready".
    const written = view.version !== before.workloadVersion;
    const agrees = () =>
      view.statusCurrent && view.ready >= desired && (!before.workloadVersion || written);
    const victim = pods.find((p) => podUid(p) === victimUid);
    const others = pods.filter((p) => p !== victim && isReadyPod(p)).length;
    if (containerKill) {
      const restarted = victim !== undefined && restartCount(victim) > before.restarts;
      const back = restarted && isReadyPod(victim);
      const ready = others + (back ? 1 : 0);
      return { done: (back || !victim) && ready >= desired && agrees(), ready, desired };
    }
    const victimGone = !victim || isTerminating(victim);
    return { done: victimGone && others >= desired && agrees(), ready: others, desired };
  };
}
