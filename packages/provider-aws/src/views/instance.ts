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
  const since = stateTransitionTime(instance.StateTransitionReason);
  return {
    instance: {
      id: instance.InstanceId!,
      ...(instance.State?.Name ? { state: instance.State.Name } : {}),
      ...(launched ? { launchTime: new Date(launched).toISOString() } : {}),
      ...(group ? { autoScalingGroup: group } : {}),
      ...(since ? { stateSince: since } : {}),
      ...(instance.ImageId ? { imageId: instance.ImageId } : {}),
      ...(instance.InstanceType ? { instanceType: instance.InstanceType } : {}),
      volumeIds: (instance.BlockDeviceMappings ?? []).flatMap((b) =>
        b.Ebs?.VolumeId ? [b.Ebs.VolumeId] : [],
      ),
    },
  };
}

/**
 * When the instance entered its state, from what EC2 writes in `StateTransitionReason`:
 * `User initiated (2026-10-01 12:00:00 GMT)` (moto writes UTC). EC2 gives no field of its own for it.
 */
export function stateTransitionTime(reason: string | undefined): string | undefined {
  const m = /\((\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}:\d{2}) (?:GMT|UTC)\)/.exec(reason ?? '');
  if (!m) return undefined;
  const at = new Date(`${m[1]}T${m[2]}Z`);
  return Number.isNaN(at.getTime()) ? undefined : at.toISOString();
}
