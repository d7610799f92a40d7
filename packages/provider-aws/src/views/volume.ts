import type { Volume } from '@aws-sdk/client-ec2';
import type { ResourceViews } from '@simian/core';

/** The volume view of an EBS volume, as DescribeVolumes returns it. */
export function volumeViews(v: Volume): ResourceViews {
  return {
    volume: {
      id: v.VolumeId!,
      ...(v.State ? { state: v.State } : {}),
      ...(v.Size !== undefined ? { sizeGiB: v.Size } : {}),
      ...(v.VolumeType ? { type: v.VolumeType } : {}),
      ...(v.Iops !== undefined ? { iops: v.Iops } : {}),
      ...(v.Throughput !== undefined ? { throughputMiBps: v.Throughput } : {}),
      ...(v.AvailabilityZone ? { availabilityZone: v.AvailabilityZone } : {}),
      ...(v.Encrypted !== undefined ? { encrypted: v.Encrypted } : {}),
      ...(v.SnapshotId ? { snapshotId: v.SnapshotId } : {}),
      attachments: (v.Attachments ?? [])
        .filter((a) => a.InstanceId)
        .map((a) => ({ instanceId: a.InstanceId!, ...(a.State ? { state: a.State } : {}) })),
    },
  };
}
