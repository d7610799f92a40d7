/** A block storage volume (an EBS volume). */
export interface VolumeView {
  /** The id the cloud API takes (`vol-0abc...`). */
  id: string;
  /** `creating`, `available`, `in-use`, `deleting`, `deleted` or `error`. */
  state?: string;
  sizeGiB?: number;
  /** `gp2`, `gp3`, `io1`, `io2`, `st1`, `sc1` or `standard`. */
  type?: string;
  iops?: number;
  throughputMiBps?: number;
  availabilityZone?: string;
  encrypted?: boolean;
  /** The snapshot it was created from, if any. */
  snapshotId?: string;
  /** The instances it is attached to, with the attachment's state. */
  attachments: Array<{ instanceId: string; state?: string }>;
}
