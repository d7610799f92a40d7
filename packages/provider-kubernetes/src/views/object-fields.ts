import type { KubeObject } from '../kinds/kind.js';

/** The `metadata` and `status` fields every view reads, as the API server sends them. */
export interface ObjectWithStatus extends KubeObject {
  metadata?: KubeObject['metadata'] & { generation?: number; deletionTimestamp?: string };
  status?: { observedGeneration?: number } & Record<string, unknown>;
}

/**
 * Whether the object's status describes its current spec: its controller has observed the latest
 * generation. An object without a generation has nothing to lag behind.
 */
export function statusIsCurrent(object: ObjectWithStatus): boolean {
  const generation = object.metadata?.generation;
  const observed = object.status?.observedGeneration;
  return generation === undefined || (observed !== undefined && observed >= generation);
}

/** The UID of the object's controller (the ownerReference with `controller: true`). */
export const controllerUidOf = (object: KubeObject): string | undefined =>
  object.metadata?.ownerReferences?.find((o) => o.controller === true)?.uid;

/** `value` when it is a number, else undefined: a view takes only what the server sent. */
export const numberOr = (value: unknown): number | undefined =>
  typeof value === 'number' ? value : undefined;
