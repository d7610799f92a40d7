/** A machine image (an AMI): its name and the snapshots it is built from. */
export interface ImageView {
  id: string;
  name?: string;
  /** `available`, `pending`, `deregistered`, ... */
  state?: string;
  /** When it was created (ISO time). */
  createdAt?: string;
  /** Whether anyone may launch it. */
  public: boolean;
  /** The snapshots behind its block devices. */
  snapshots: string[];
  /** Its block devices as registered, to register it again from the same snapshots. */
  blockDevices: Array<{ deviceName: string; snapshotId?: string; sizeGiB?: number; type?: string }>;
  rootDeviceName?: string;
  architecture?: string;
  virtualizationType?: string;
}
