import type { ProviderName, ResourceRef } from '../types.js';
import type { FaultStamp } from './fault-stamp.js';

/** One active fault as a provider finds it on the object that carries it. */
export interface FaultRecord extends FaultStamp {
  ref: ResourceRef;
  provider: ProviderName;
  kind: string;
  name: string;
  namespace?: string;
  /** The context (Kubernetes) or region (AWS) the object lives in. */
  scope: string;
  /** `expiresAt` in ms; 0 when it could not be read (such a fault counts as expired). */
  expiresAtMs: number;
}

/** Whether the fault has outlived its expiry at `now`. */
export const isExpired = (fault: Pick<FaultRecord, 'expiresAtMs'>, now: Date): boolean =>
  fault.expiresAtMs <= now.getTime();
