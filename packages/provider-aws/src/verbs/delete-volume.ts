import { DeleteVolumeCommand, DescribeSnapshotsCommand } from '@aws-sdk/client-ec2';
import { ActionFailedError } from '@simian/core';
import { z } from 'zod';
import { explainAwsError } from '../errors.js';
import { abortOf, defineAwsVerb, ec2Call, type AwsVerbContext } from './verb.js';

const DESCRIBE = 'ec2:DescribeSnapshots';

/**
 * The completed snapshot that carries tag `key` = `value`, or an error saying why there is none
 * yet: a volume whose backup has not finished is not deleted.
 */
async function completedSnapshot(
  context: AwsVerbContext,
  key: string,
  value: string,
): Promise<string> {
  let snapshots;
  try {
    const answer = await context.scope.ec2.send(
      new DescribeSnapshotsCommand({
        OwnerIds: ['self'],
        Filters: [{ Name: `tag:${key}`, Values: [value] }],
      }),
      abortOf(context),
    );
    snapshots = answer.Snapshots ?? [];
  } catch (error) {
    throw explainAwsError(
      error,
      {
        scope: context.scope,
        call: 'DescribeSnapshots',
        what: context.arn,
        iamActions: [DESCRIBE],
      },
      'action',
    );
  }
  const done = snapshots.find((s) => s.State === 'completed');
  if (done?.SnapshotId) return done.SnapshotId;
  const pending = snapshots.find((s) => s.State === 'pending');
  throw new ActionFailedError(
    pending
      ? `${context.arn}: its snapshot ${pending.SnapshotId ?? ''} is ${pending.Progress ?? 'still'} pending; the volume is kept until it completes`
      : `${context.arn}: no snapshot tagged ${key}=${value} exists; the volume is kept`,
    { hint: 'the next run deletes it once its snapshot has completed' },
  );
}

/**
 * `delete` an EBS volume (EC2 `DeleteVolume`, with `DryRun` in dry-run). With `requireSnapshot`,
 * only once a completed snapshot tagged so exists: the janitor's backup before a deletion.
 */
export const deleteVolumeVerb = defineAwsVerb({
  verb: 'delete',
  kind: 'Volume',
  description:
    'Deletes the EBS volume (it must be detached); with requireSnapshot, only once a completed snapshot carrying that tag exists.',
  params: z.strictObject({
    /** The tag of the snapshot that must have completed first. */
    requireSnapshot: z.strictObject({ key: z.string().min(1), value: z.string() }).optional(),
  }),
  iamActions: ['ec2:DeleteVolume', DESCRIBE],
  dryRun: 'api',
  async run(context, params) {
    const snapshot = params.requireSnapshot
      ? await completedSnapshot(context, params.requireSnapshot.key, params.requireSnapshot.value)
      : undefined;
    const r = await ec2Call(context, 'DeleteVolume', ['ec2:DeleteVolume'], (dryRun) =>
      context.scope.ec2.send(
        new DeleteVolumeCommand({ VolumeId: context.id, DryRun: dryRun }),
        abortOf(context),
      ),
    );
    const kept = snapshot ? { snapshotId: snapshot } : {};
    return r.dryRun ? { ...r, ...kept } : { deleted: true, ...kept };
  },
});
