/** A point-in-time copy of a volume (an EBS snapshot). */
export interface SnapshotView {
  id: string;
  /** The volume it was taken of (the volume may be gone). */
  volumeId?: string;
  /** The source volume's size. */
  sizeGiB?: number;
  /** `pending`, `completed`, `error`, ... */
  state?: string;
  /** When it was started (ISO time). */
  startedAt?: string;
  description?: string;
  /** `standard` or `archive`. */
  storageTier?: string;
}
