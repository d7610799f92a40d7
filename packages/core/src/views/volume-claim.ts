/** A claim on storage (a Kubernetes PersistentVolumeClaim). */
export interface VolumeClaimView {
  /** `Pending`, `Bound` or `Lost`. */
  phase?: string;
  /** The volume it is bound to. */
  volumeName?: string;
  storageClass?: string;
  /** The storage it asks for, in bytes. */
  requestedBytes?: number;
  /** The storage it has, in bytes, once bound. */
  capacityBytes?: number;
}
