import { DeleteBucketCommand, HeadBucketCommand } from '@aws-sdk/client-s3';
import { z } from 'zod';
import { explainAwsError } from '../errors.js';
import { countBucketContents, emptyBucket } from './empty-bucket.js';
import { abortOf, defineAwsVerb } from './verb.js';

/**
 * `delete` a bucket: empty it (every version and delete marker, DeleteObjects in batches of
 * 1000), then DeleteBucket. S3 has no dry-run: in dry-run the bucket is checked (HeadBucket) and
 * what would be deleted is counted, and nothing is changed.
 */
export const deleteBucketVerb = defineAwsVerb({
  verb: 'delete',
  kind: 'Bucket',
  description:
    'Empties the bucket (all object versions and delete markers, DeleteObjects in batches of 1000) and deletes it. Dry-run counts what would go.',
  params: z.strictObject({}),
  iamActions: [
    's3:ListBucketVersions',
    's3:DeleteObject',
    's3:DeleteObjectVersion',
    's3:DeleteBucket',
  ],
  dryRun: 'checks',
  async run(context) {
    const fail = (call: string, actions: string[]) => (error: unknown) => {
      throw explainAwsError(
        error,
        {
          scope: context.scope,
          call,
          what: context.arn,
          iamActions: actions,
          resourceArn: context.arn,
        },
        'action',
      );
    };
    if (context.dryRun) {
      await context.scope.s3
        .send(new HeadBucketCommand({ Bucket: context.id }), abortOf(context))
        .catch(fail('HeadBucket', ['s3:ListBucket']));
      const counted = await countBucketContents(context);
      return {
        dryRun: true,
        objectVersions: counted.objectVersions,
        deleteMarkers: counted.deleteMarkers,
        note: 'S3 has no dry-run: the bucket was checked and its contents counted; nothing was deleted',
      };
    }
    const emptied = await emptyBucket(context);
    await context.scope.s3
      .send(new DeleteBucketCommand({ Bucket: context.id }), abortOf(context))
      .catch(fail('DeleteBucket', ['s3:DeleteBucket']));
    return { deleted: true, ...emptied };
  },
});
