/**
 * The fields of EC2 and Auto Scaling objects the chaos monkey reads from `Resource.raw` (the JSON
 * the AWS API returned, timestamps as ISO strings).
 */
export interface Ec2Instance {
  InstanceId?: string;
  State?: { Name?: string };
}

/** An Auto Scaling group as `DescribeAutoScalingGroups` returns it. */
export interface AutoScalingGroupObject {
  AutoScalingGroupName?: string;
  MinSize?: number;
  MaxSize?: number;
  DesiredCapacity?: number;
  Instances?: Array<{ InstanceId?: string; LifecycleState?: string; HealthStatus?: string }>;
}

/** `Resource.raw` read as an EC2 instance. */
export const ec2Instance = (raw: unknown): Ec2Instance =>
  raw && typeof raw === 'object' ? (raw as Ec2Instance) : {};

/** `Resource.raw` read as an Auto Scaling group. */
export const autoScalingGroup = (raw: unknown): AutoScalingGroupObject =>
  raw && typeof raw === 'object' ? (raw as AutoScalingGroupObject) : {};

/** The instance id of an instance resource. */
export const instanceIdOf = (r: { name: string; raw: unknown }): string =>
  ec2Instance(r.raw).InstanceId ?? r.name;

/** Whether the instance is running. */
export const isRunning = (r: { raw: unknown }): boolean =>
  ec2Instance(r.raw).State?.Name === 'running';

/** Members of the group that are InService and Healthy, by the group's own view. */
export function inServiceIds(group: AutoScalingGroupObject): string[] {
  return (group.Instances ?? [])
    .filter((i) => i.LifecycleState === 'InService' && (i.HealthStatus ?? 'Healthy') === 'Healthy')
    .map((i) => i.InstanceId ?? '');
}
