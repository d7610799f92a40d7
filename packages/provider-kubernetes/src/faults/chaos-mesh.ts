import { ActionFailedError, type FaultStamp } from '@simian/core';
import type { KindInfo, KubeObject } from '../kinds/kind.js';
import { parseGoDuration } from './go-duration.js';

/** Chaos Mesh's API group: its experiment kinds (`NetworkChaos`, `PodChaos`, ...) take a `duration`. */
export const CHAOS_MESH_GROUP = 'chaos-mesh.org';

/** Whether `kind` is a Chaos Mesh experiment whose `spec.duration` Chaos Mesh itself enforces. */
export const isChaosMeshExperiment = (kind: Pick<KindInfo, 'group' | 'apiKind'>): boolean =>
  kind.group === CHAOS_MESH_GROUP && kind.apiKind.endsWith('Chaos');

/**
 * `object` with `spec.duration` ending at the fault's expiry, so that Chaos Mesh takes the fault
 * out by itself even when Simian, its API connection and its reaper are all gone. A shorter
 * duration already given is kept; a longer one is refused (it would outlive the expiry).
 */
export function withChaosMeshDuration(
  object: KubeObject,
  stamp: FaultStamp,
  now: number,
  where: string,
): KubeObject {
  const remainingMs = Date.parse(stamp.expiresAt) - now;
  if (!(remainingMs > 0)) {
    throw new ActionFailedError(`${where}: the fault's expiry ${stamp.expiresAt} has passed`, {
      hint: 'plan again: the deadline is set when the fault is planned',
    });
  }
  const spec = (object.spec ?? {}) as Record<string, unknown>;
  const given = spec.duration;
  if (given !== undefined) {
    const givenMs = typeof given === 'string' ? parseGoDuration(given) : undefined;
    if (givenMs === undefined) {
      throw new ActionFailedError(`${where}: spec.duration "${String(given)}" is not a duration`, {
        hint: 'write it as Chaos Mesh does: 30s, 5m, 1h30m',
      });
    }
    if (givenMs > remainingMs) {
      throw new ActionFailedError(
        `${where}: spec.duration ${String(given)} outlasts the fault's expiry ${stamp.expiresAt}`,
        { hint: 'leave spec.duration out (Simian sets it to the expiry) or shorten it' },
      );
    }
    return object;
  }
  return { ...object, spec: { ...spec, duration: `${Math.ceil(remainingMs / 1000)}s` } };
}
