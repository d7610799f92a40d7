import {
  DescribeSnapshotsCommand,
  paginateDescribeSnapshots,
  type Snapshot,
} from '@aws-sdk/client-ec2';
import { ec2Arn } from '../arn.js';
import { explainAwsError, isAwsNotFound } from '../errors.js';
import { tagsToRecord } from '../plain.js';
import type { AwsScope } from '../scope.js';
import { abortOption, awsResource, clampPageSize, defineAwsKind } from './kind.js';

const toResource = (scope: AwsScope, account: string, snapshot: Snapshot) =>
  awsResource(scope, account, {
    kind: 'Snapshot',
    id: snapshot.SnapshotId!,
    arn: ec2Arn(scope.region, account, 'snapshot', snapshot.SnapshotId!),
    tags: tagsToRecord(snapshot.Tags),
    createdAt: snapshot.StartTime,
    raw: snapshot,
  });

const listActions = ['ec2:DescribeSnapshots'];

/** EBS snapshots this account owns (`OwnerIds: ["self"]`: public and shared ones are not ours to judge). */
export const snapshotKind = defineAwsKind({
  kind: 'Snapshot',
  service: 'ec2',
  listActions,
  async list(scope, { signal }) {
    const account = await scope.account();
    const out = [];
    try {
      const pages = paginateDescribeSnapshots(
        {
          client: scope.ec2,
          pageSize: clampPageSize(scope.settings.pageSize, 5, 1000),
          ...abortOption(signal),
        },
        { OwnerIds: ['self'] },
      );
      for await (const page of pages)
        for (const s of page.Snapshots ?? []) out.push(toResource(scope, account, s));
    } catch (error) {
      throw explainAwsError(
        error,
        { scope, call: 'DescribeSnapshots', what: 'snapshots', iamActions: listActions },
        'target',
      );
    }
    return out;
  },
  async read(scope, id, signal) {
    const account = await scope.account();
    try {
      const answer = await scope.ec2.send(
        new DescribeSnapshotsCommand({ SnapshotIds: [id] }),
        abortOption(signal),
      );
      const snapshot = answer.Snapshots?.[0];
      return snapshot ? toResource(scope, account, snapshot) : undefined;
    } catch (error) {
      if (isAwsNotFound(error)) return undefined;
      throw explainAwsError(
        error,
        { scope, call: 'DescribeSnapshots', what: `snapshot ${id}`, iamActions: listActions },
        'target',
      );
    }
  },
});
