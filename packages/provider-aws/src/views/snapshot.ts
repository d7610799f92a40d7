import type { Snapshot } from '@aws-sdk/client-ec2';
import type { ResourceViews } from '@simian/core';

/** The snapshot view of an EBS snapshot, as DescribeSnapshots returns it. */
export function snapshotViews(s: Snapshot): ResourceViews {
  const started = s.StartTime as Date | string | undefined;
  return {
    snapshot: {
      id: s.SnapshotId!,
      ...(s.VolumeId && s.VolumeId !== 'vol-ffffffff' ? { volumeId: s.VolumeId } : {}),
      ...(s.VolumeSize !== undefined ? { sizeGiB: s.VolumeSize } : {}),
      ...(s.State ? { state: s.State } : {}),
      ...(started ? { startedAt: new Date(started).toISOString() } : {}),
      ...(s.Description ? { description: s.Description } : {}),
      ...(s.StorageTier ? { storageTier: s.StorageTier } : {}),
    },
  };
}
