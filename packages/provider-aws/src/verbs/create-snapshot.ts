import { CreateSnapshotCommand } from '@aws-sdk/client-ec2';
import { z } from 'zod';
import { recordToTags } from '../plain.js';
import { abortOf, defineAwsVerb, ec2Call } from './verb.js';

const IAM = ['ec2:CreateSnapshot', 'ec2:CreateTags'];

/**
 * `create-snapshot` of an EBS volume (EC2 `CreateSnapshot`, with `DryRun` in dry-run), tagged as
 * the caller says: the janitor takes one before it deletes a volume, and tags it with where it came
 * from, so the volume can be made again (`aws ec2 create-volume --snapshot-id ...`). The snapshot
 * is point-in-time once the call returns; it completes in the background.
 */
export const createSnapshotVerb = defineAwsVerb({
  verb: 'create-snapshot',
  kind: 'Volume',
  description:
    'Takes a snapshot of the volume (CreateSnapshot), with the tags given: a backup before a deletion.',
  params: z.strictObject({
    description: z.string().max(255).optional(),
    /** Tags on the snapshot (where it came from, its owner). @default {} */
    tags: z.record(z.string().min(1).max(128), z.string().max(256)).default({}),
  }),
  iamActions: IAM,
  dryRun: 'api',
  async run(context, params) {
    let snapshotId: string | undefined;
    let state: string | undefined;
    const r = await ec2Call(context, 'CreateSnapshot', IAM, async (dryRun) => {
      const answer = await context.scope.ec2.send(
        new CreateSnapshotCommand({
          VolumeId: context.id,
          DryRun: dryRun,
          ...(params.description ? { Description: params.description } : {}),
          ...(Object.keys(params.tags).length > 0
            ? {
                TagSpecifications: [{ ResourceType: 'snapshot', Tags: recordToTags(params.tags) }],
              }
            : {}),
        }),
        abortOf(context),
      );
      snapshotId = answer.SnapshotId;
      state = answer.State;
    });
    return r.dryRun ? r : { snapshotId, state, volumeId: context.id };
  },
});
