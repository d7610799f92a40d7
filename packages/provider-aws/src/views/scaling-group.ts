import type { AutoScalingGroup } from '@aws-sdk/client-auto-scaling';
import type { ResourceViews, ScalingGroupMember } from '@simian/core';

/**
 * The scaling group view of an Auto Scaling group, as DescribeAutoScalingGroups returns it. A
 * member is in service in lifecycle state `InService`; its health is the group's `HealthStatus`
 * (`Healthy` or `Unhealthy`), which the group sets for every member it lists.
 */
export function scalingGroupViews(group: AutoScalingGroup): ResourceViews {
  const members: ScalingGroupMember[] = (group.Instances ?? []).map((i) => ({
    id: i.InstanceId ?? '',
    ...(i.LifecycleState ? { lifecycle: i.LifecycleState } : {}),
    inService: i.LifecycleState === 'InService',
    healthy: (i.HealthStatus ?? 'Healthy') === 'Healthy',
  }));
  return {
    scalingGroup: {
      name: group.AutoScalingGroupName!,
      ...(group.MinSize !== undefined ? { min: group.MinSize } : {}),
      ...(group.MaxSize !== undefined ? { max: group.MaxSize } : {}),
      ...(group.DesiredCapacity !== undefined ? { desired: group.DesiredCapacity } : {}),
      ...(group.LaunchConfigurationName
        ? { launchConfiguration: group.LaunchConfigurationName }
        : {}),
      members,
    },
  };
}
