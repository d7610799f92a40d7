import {
  DescribeSnapshotAttributeCommand,
  DescribeSnapshotsCommand,
  paginateDescribeSnapshots,
  type CreateVolumePermission,
  type Snapshot,
} from '@aws-sdk/client-ec2';
import { ec2Arn } from '../arn.js';
import { tagsToRecord } from '../plain.js';
import { snapshotViews } from '../views/snapshot.js';
import { defineDescribedKind } from './described-kind.js';
import { abortOption, awsResource, placeOf, clampPageSize } from './kind.js';

/** A snapshot with who may create volumes from it. */
type SnapshotWithPermissions = Snapshot & {
  CreateVolumePermissions?: CreateVolumePermission[];
};

/**
 * EBS snapshots this account owns (`OwnerIds: ["self"]`: public and shared ones are not ours to
 * judge). With the detail `createVolumePermission` (the security monkey's), each carries its
 * `CreateVolumePermissions` (DescribeSnapshotAttribute, a call per snapshot): who may make a volume
 * of it, `{ Group: "all" }` when everyone may.
 */
export const snapshotKind = defineDescribedKind<SnapshotWithPermissions>({
  kind: 'Snapshot',
  call: 'DescribeSnapshots',
  plural: 'snapshots',
  singular: 'snapshot',
  listActions: ['ec2:DescribeSnapshots', 'ec2:DescribeSnapshotAttribute'],
  async *pages(scope, signal) {
    const pageSize = clampPageSize(scope.settings.pageSize, 5, 1000);
    const pages = paginateDescribeSnapshots(
      { client: scope.ec2, pageSize, ...abortOption(signal) },
      { OwnerIds: ['self'] },
    );
    for await (const page of pages) yield page.Snapshots ?? [];
  },
  async readOne(scope, id, signal) {
    const answer = await scope.ec2.send(
      new DescribeSnapshotsCommand({ SnapshotIds: [id] }),
      abortOption(signal),
    );
    return answer.Snapshots?.[0];
  },
  enrich: {
    detail: 'createVolumePermission',
    async add(scope, snapshot, signal) {
      const answer = await scope.ec2.send(
        new DescribeSnapshotAttributeCommand({
          SnapshotId: snapshot.SnapshotId,
          Attribute: 'createVolumePermission',
        }),
        abortOption(signal),
      );
      return { ...snapshot, CreateVolumePermissions: answer.CreateVolumePermissions ?? [] };
    },
  },
  toResource: (scope, account, snapshot) =>
    awsResource(placeOf(scope, account), {
      kind: 'Snapshot',
      id: snapshot.SnapshotId!,
      arn: ec2Arn(scope.region, account, 'snapshot', snapshot.SnapshotId!),
      tags: tagsToRecord(snapshot.Tags),
      createdAt: snapshot.StartTime,
      views: snapshotViews(snapshot),
      raw: snapshot,
    }),
});
