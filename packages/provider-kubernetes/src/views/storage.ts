import type { ResourceViews } from '@simian/core';
import type { KubeObject } from '../kinds/kind.js';
import { ownerViews } from './owners.js';
import { parseQuantity } from './quantity.js';

interface ClaimObject extends KubeObject {
  spec?: {
    volumeName?: string;
    storageClassName?: string;
    resources?: { requests?: { storage?: string } };
  };
  status?: { phase?: string; capacity?: { storage?: string } };
}

/** The volume claim view of a PersistentVolumeClaim, and its owners. */
export function volumeClaimViews(object: KubeObject): ResourceViews {
  const o = object as ClaimObject;
  const requested = parseQuantity(o.spec?.resources?.requests?.storage);
  const capacity = parseQuantity(o.status?.capacity?.storage);
  return {
    ...ownerViews(object),
    volumeClaim: {
      ...(o.status?.phase ? { phase: o.status.phase } : {}),
      ...(o.spec?.volumeName ? { volumeName: o.spec.volumeName } : {}),
      ...(o.spec?.storageClassName ? { storageClass: o.spec.storageClassName } : {}),
      ...(requested !== undefined ? { requestedBytes: requested } : {}),
      ...(capacity !== undefined ? { capacityBytes: capacity } : {}),
    },
  };
}

interface VolumeObject extends KubeObject {
  spec?: {
    capacity?: { storage?: string };
    persistentVolumeReclaimPolicy?: string;
    storageClassName?: string;
    claimRef?: { namespace?: string; name?: string };
    csi?: { driver?: string };
    [source: string]: unknown;
  };
  status?: { phase?: string; lastPhaseTransitionTime?: string };
}

/** Spec fields that are not the volume's source. */
const NOT_SOURCES = new Set([
  'capacity',
  'accessModes',
  'claimRef',
  'persistentVolumeReclaimPolicy',
  'storageClassName',
  'mountOptions',
  'volumeMode',
  'nodeAffinity',
  'volumeAttributesClassName',
]);

/** The persistent volume view of a PersistentVolume. */
export function persistentVolumeViews(object: KubeObject): ResourceViews {
  const o = object as VolumeObject;
  const spec = o.spec ?? {};
  const capacity = parseQuantity(spec.capacity?.storage);
  const source = Object.keys(spec).find((k) => !NOT_SOURCES.has(k));
  const claim = spec.claimRef;
  return {
    persistentVolume: {
      ...(o.status?.phase ? { phase: o.status.phase } : {}),
      ...(o.status?.lastPhaseTransitionTime
        ? { phaseSince: o.status.lastPhaseTransitionTime }
        : {}),
      ...(spec.persistentVolumeReclaimPolicy
        ? { reclaimPolicy: spec.persistentVolumeReclaimPolicy }
        : {}),
      ...(claim?.name && claim.namespace
        ? { claim: { namespace: claim.namespace, name: claim.name } }
        : {}),
      ...(capacity !== undefined ? { capacityBytes: capacity } : {}),
      ...(spec.storageClassName ? { storageClass: spec.storageClassName } : {}),
      ...(source
        ? { source: source === 'csi' && spec.csi?.driver ? `csi:${spec.csi.driver}` : source }
        : {}),
    },
  };
}
