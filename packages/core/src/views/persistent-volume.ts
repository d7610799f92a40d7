/** A piece of storage in a cluster (a Kubernetes PersistentVolume). */
export interface PersistentVolumeView {
  /** `Available`, `Bound`, `Released` or `Failed`. */
  phase?: string;
  /** When it entered that phase, where the API server says (Kubernetes 1.29 and later). */
  phaseSince?: string;
  /** `Retain`, `Delete` or `Recycle`: what happens to the storage when it is let go. */
  reclaimPolicy?: string;
  /** The claim it is (or was) bound to. */
  claim?: { namespace: string; name: string };
  capacityBytes?: number;
  storageClass?: string;
  /** The kind of storage behind it, as its spec names it (`csi:ebs.csi.aws.com`, `hostPath`). */
  source?: string;
}
