import { paginateListBuckets } from '@aws-sdk/client-s3';
import type { Resource } from '@simian/core';
import { bucketArn } from '../arn.js';
import { awsErrorName, explainAwsError, isAwsNotFound } from '../errors.js';
import { tagsToRecord } from '../plain.js';
import type { AwsScope } from '../scope.js';
import { bucketViews } from '../views/bucket.js';
import { bucketDetailActions, bucketDetails, bucketRegion } from './bucket-details.js';
import { abortOption, awsResource, placeOf, defineAwsKind } from './kind.js';

async function toResource(
  scope: AwsScope,
  name: string,
  region: string,
  created: Date | undefined,
  signal?: AbortSignal,
) {
  const account = await scope.account();
  const details = await bucketDetails(scope, name, region, created, signal);
  return awsResource(placeOf(scope, account), {
    kind: 'Bucket',
    id: name,
    arn: bucketArn(scope.region, name),
    tags: tagsToRecord(details.Tags),
    createdAt: created,
    views: bucketViews(details),
    raw: details,
  });
}

/**
 * S3 buckets in the scope's region, each with its ACL, policy, public access block, encryption,
 * versioning and tags. ListBuckets is global, so every bucket's region is asked
 * (GetBucketLocation) and only this region's buckets are kept: two regions never list one bucket
 * twice. Per-bucket calls run with bounded concurrency.
 */
export const bucketKind = defineAwsKind({
  kind: 'Bucket',
  service: 's3',
  listActions: ['s3:ListAllMyBuckets', ...bucketDetailActions],
  async list(scope, { signal }) {
    const buckets: Array<{ name: string; created: Date | undefined; region?: string | undefined }> =
      [];
    try {
      for await (const page of paginateListBuckets(
        { client: scope.s3, ...abortOption(signal) },
        {},
      )) {
        for (const b of page.Buckets ?? []) {
          if (b.Name)
            buckets.push({ name: b.Name, created: b.CreationDate, region: b.BucketRegion });
        }
      }
    } catch (error) {
      throw explainAwsError(
        error,
        { scope, call: 'ListBuckets', what: 'buckets', iamActions: ['s3:ListAllMyBuckets'] },
        'target',
      );
    }
    const resources = await Promise.all(
      buckets.map((b) =>
        scope.semaphore.run(async (): Promise<Resource | undefined> => {
          try {
            const region = b.region ?? (await bucketRegion(scope, b.name, signal));
            if (region !== scope.region) return undefined;
            return await toResource(scope, b.name, region, b.created, signal);
          } catch (error) {
            // Deleted between ListBuckets and its details: it is simply not there any more.
            if (isAwsNotFound((error as Error).cause ?? error)) return undefined;
            throw error;
          }
        }),
      ),
    );
    return resources.filter((r): r is Resource => r !== undefined);
  },
  async read(scope, id, signal) {
    try {
      const region = await bucketRegion(scope, id, signal);
      return await toResource(scope, id, region, undefined, signal);
    } catch (error) {
      if (awsErrorName((error as Error).cause ?? error) === 'NoSuchBucket') return undefined;
      throw error;
    }
  },
});
