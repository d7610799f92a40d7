import {
  DescribeSnapshotsCommand,
  paginateDescribeSnapshots,
  type Snapshot,
} from '@aws-sdk/client-ec2';
import { ec2Arn } from '../arn.js';
import { tagsToRecord } from '../plain.js';
import { snapshotViews } from '../views/snapshot.js';
import { defineDescribedKind } from './described-kind.js';
import { abortOption, awsResource, placeOf, clampPageSize } from './kind.js';

/** EBS snapshots this account owns (`OwnerIds: ["self"]`: public and shared ones are not ours to judge). */
export const snapshotKind = defineDescribedKind<Snapshot>({
  kind: 'Snapshot',
  call: 'DescribeSnapshots',
  plural: 'snapshots',
  singular: 'snapshot',
  listActions: ['ec2:DescribeSnapshots'],
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
