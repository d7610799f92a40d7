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
}
