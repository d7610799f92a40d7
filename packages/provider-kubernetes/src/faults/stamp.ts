import { FAULT_ACTIVE_KEY, faultStampValues, type FaultStamp } from '@simian/core';
import type { KubeObject } from '../kinds/kind.js';

/** How `remove-fault` undoes a fault: the object is the fault (delete it). */
export const FAULT_RECOVERY_KEY = 'faults.simian.dev/recovery';

/**
 * `object` with the fault stamp: the active label (so faults can be listed by label selector) and
 * the rest as annotations (label values cannot hold an ISO time), plus how to recover.
 */
export function stampObject(object: KubeObject, stamp: FaultStamp, recovery: 'delete'): KubeObject {
  const { [FAULT_ACTIVE_KEY]: active, ...annotations } = faultStampValues(stamp);
  return {
    ...object,
    metadata: {
      ...object.metadata,
      labels: { ...object.metadata?.labels, [FAULT_ACTIVE_KEY]: active! },
      annotations: {
        ...object.metadata?.annotations,
        ...annotations,
        [FAULT_RECOVERY_KEY]: recovery,
      },
    },
  };
}
