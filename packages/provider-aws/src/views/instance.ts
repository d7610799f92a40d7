import type { Instance } from '@aws-sdk/client-ec2';
import type { ResourceViews } from '@simian/core';

/** The instance view of an EC2 instance, as DescribeInstances returns it. */
export function instanceViews(
  instance: Instance,
  tags: Record<string, string>,
  groupTag: string,
): ResourceViews {
  const launched = instance.LaunchTime as Date | string | undefined;
  const group = tags[groupTag];
  return {
    instance: {
      id: instance.InstanceId!,
      ...(instance.State?.Name ? { state: instance.State.Name } : {}),
      ...(launched ? { launchTime: new Date(launched).toISOString() } : {}),
      ...(group ? { autoScalingGroup: group } : {}),
    },
  };
}
