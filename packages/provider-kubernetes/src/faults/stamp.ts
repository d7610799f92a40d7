import {
  FAULT_ACTIVE_KEY,
  FAULT_STAMP_KEYS,
  faultStampValues,
  type FaultStamp,
} from '@simian/core';
import type { KubeObject } from '../kinds/kind.js';

/** How `remove-fault` undoes a fault, read from the object itself (the ref is all it is given). */
export const FAULT_RECOVERY_KEY = 'faults.simian.dev/recovery';

/**
 * The ways a fault is undone: `delete` the object that is the fault; `restore-http` the
 * VirtualService routes saved on the object; `netem`: the pod's ephemeral container removes the
 * qdisc at the expiry, and a clearing container does it sooner.
 */
export type FaultRecovery = 'delete' | 'restore-http' | 'netem';

/** Keys the fault stamp and a backend's own bookkeeping write, removed again with the fault. */
export const FAULT_OWN_KEYS = [...FAULT_STAMP_KEYS, FAULT_RECOVERY_KEY] as const;

/**
 * The stamp as metadata: the active label (so faults can be listed by label selector) and the
 * rest as annotations (label values cannot hold an ISO time), plus how to recover and `extra`
 * annotations of the backend's own.
 */
export function stampMetadata(
  stamp: FaultStamp,
  recovery: FaultRecovery,
  extra: Record<string, string> = {},
): { labels: Record<string, string>; annotations: Record<string, string> } {
  const { [FAULT_ACTIVE_KEY]: active, ...annotations } = faultStampValues(stamp);
  return {
    labels: { [FAULT_ACTIVE_KEY]: active! },
    annotations: { ...annotations, [FAULT_RECOVERY_KEY]: recovery, ...extra },
  };
}

/** `object` with the fault stamp written into its metadata. */
export function stampObject(object: KubeObject, stamp: FaultStamp, recovery: 'delete'): KubeObject {
  const { labels, annotations } = stampMetadata(stamp, recovery);
  return {
    ...object,
    metadata: {
      ...object.metadata,
      labels: { ...object.metadata?.labels, ...labels },
      annotations: { ...object.metadata?.annotations, ...annotations },
    },
  };
}

/** The merge-patch `metadata` that removes the stamp and the `extra` keys a backend wrote. */
export function unstampMetadata(extra: readonly string[] = []): {
  labels: Record<string, null>;
  annotations: Record<string, null>;
} {
  return {
    labels: { [FAULT_ACTIVE_KEY]: null },
    annotations: Object.fromEntries([...FAULT_OWN_KEYS, ...extra].map((k) => [k, null])),
  };
}

/** The recovery written on `object`, if it carries an active Simian fault. */
export function recoveryOf(object: KubeObject): FaultRecovery | 'unstamped' | 'unknown' {
  if (object.metadata?.labels?.[FAULT_ACTIVE_KEY] === undefined) return 'unstamped';
  const r = object.metadata?.annotations?.[FAULT_RECOVERY_KEY];
  return r === 'delete' || r === 'restore-http' || r === 'netem' ? r : 'unknown';
}
