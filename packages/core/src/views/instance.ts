/** A virtual machine (an EC2 instance): its state and the group that keeps it. */
export interface InstanceView {
  /** The id the cloud API takes (`i-0abc...`). */
  id: string;
  /** `pending`, `running`, `stopping`, `stopped`, `shutting-down` or `terminated`. */
  state?: string;
  /** When it was last launched (ISO time). */
  launchTime?: string;
  /** The name of the Auto Scaling group that launched it and replaces it, if any. */
  autoScalingGroup?: string;
  /**
   * When it entered its current state, where the cloud says (EC2 writes it into the state
   * transition reason of a stopped instance: `User initiated (2026-10-01 12:00:00 GMT)`).
   */
  stateSince?: string;
  /** The machine image it was launched from. */
  imageId?: string;
  /** `t3.small`, ... */
  instanceType?: string;
  /** The volumes attached to it. */
  volumeIds?: string[];
}
