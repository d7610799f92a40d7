import type { Image } from '@aws-sdk/client-ec2';
import type { ResourceViews } from '@simian/core';

/** The image view of an AMI, as DescribeImages returns it. */
export function imageViews(i: Image): ResourceViews {
  const blockDevices = (i.BlockDeviceMappings ?? [])
    .filter((b) => b.DeviceName)
    .map((b) => ({
      deviceName: b.DeviceName!,
      ...(b.Ebs?.SnapshotId ? { snapshotId: b.Ebs.SnapshotId } : {}),
      ...(b.Ebs?.VolumeSize !== undefined ? { sizeGiB: b.Ebs.VolumeSize } : {}),
      ...(b.Ebs?.VolumeType ? { type: b.Ebs.VolumeType } : {}),
    }));
  return {
    image: {
      id: i.ImageId!,
      ...(i.Name ? { name: i.Name } : {}),
      ...(i.State ? { state: i.State } : {}),
      ...(i.CreationDate ? { createdAt: new Date(i.CreationDate).toISOString() } : {}),
      public: i.Public === true,
      snapshots: blockDevices.flatMap((b) => (b.snapshotId ? [b.snapshotId] : [])),
      blockDevices,
      ...(i.RootDeviceName ? { rootDeviceName: i.RootDeviceName } : {}),
      ...(i.Architecture ? { architecture: i.Architecture } : {}),
      ...(i.VirtualizationType ? { virtualizationType: i.VirtualizationType } : {}),
    },
  };
}
