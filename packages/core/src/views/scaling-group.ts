/** One member of a scaling group, as the group sees it. */
export interface ScalingGroupMember {
  /** The instance id. */
  id: string;
  /** The group's lifecycle state for it, in the provider's words (`InService`, `Terminating`). */
  lifecycle?: string;
  /** Whether the group counts it in service (not pending, standby, leaving or gone). */
  inService: boolean;
  /** Whether the group's health check passes for it. */
  healthy: boolean;
}

/**
 * A group that keeps a number of instances running (an Auto Scaling group): its size bounds and
 * its members.
 */
export interface ScalingGroupView {
  /** The group's name. */
  name: string;
  /** The fewest instances it keeps. */
  min?: number;
  /** The most instances it runs. */
  max?: number;
  /** The instances it wants now. */
  desired?: number;
  /** Its members, whatever their state, as the group lists them. */
  members: ScalingGroupMember[];
  /**
   * The launch configuration it launches from, when it uses one rather than a launch template
   * (the image is named there, which Simian does not list).
   */
  launchConfiguration?: string;
}
