import { DeleteObjectsCommand, ListObjectVersionsCommand } from '@aws-sdk/client-s3';
import { ActionFailedError } from '@simian/core';
import { explainAwsError } from '../errors.js';
import { abortOf, type AwsVerbContext } from './verb.js';

/** S3 deletes at most this many keys per DeleteObjects call. */
export const deleteBatchSize = 1000;

/** What emptying a bucket removed, or (in dry-run) would remove. */
export interface EmptyBucketResult {
  objectVersions: number;
  deleteMarkers: number;
  /** DeleteObjects calls made. */
  batches: number;
}

async function listPage(context: AwsVerbContext, keyMarker?: string, versionIdMarker?: string) {
  try {
    return await context.scope.s3.send(
      new ListObjectVersionsCommand({
        Bucket: context.id,
        MaxKeys: deleteBatchSize,
        ...(keyMarker ? { KeyMarker: keyMarker } : {}),
        ...(versionIdMarker ? { VersionIdMarker: versionIdMarker } : {}),
      }),
      abortOf(context),
    );
  } catch (error) {
    throw explainAwsError(
      error,
      {
        scope: context.scope,
        call: 'ListObjectVersions',
        what: context.arn,
        iamActions: ['s3:ListBucketVersions'],
        resourceArn: context.arn,
      },
      'action',
    );
  }
}

/** Counts every object version and delete marker (the read-only part of a dry run). */
export async function countBucketContents(context: AwsVerbContext): Promise<EmptyBucketResult> {
  const result: EmptyBucketResult = { objectVersions: 0, deleteMarkers: 0, batches: 0 };
  let keyMarker: string | undefined;
  let versionIdMarker: string | undefined;
  do {
    const page = await listPage(context, keyMarker, versionIdMarker);
    result.objectVersions += page.Versions?.length ?? 0;
    result.deleteMarkers += page.DeleteMarkers?.length ?? 0;
    keyMarker = page.IsTruncated ? page.NextKeyMarker : undefined;
    versionIdMarker = page.IsTruncated ? page.NextVersionIdMarker : undefined;
  } while (keyMarker);
  return result;
}

/**
 * Deletes every object version and delete marker (a plain object is a version with id `null`),
 * one page of at most 1000 at a time, each page in one DeleteObjects call. Lists from the start
 * each round: what was deleted drops out, and no marker can point at a deleted key. Any key S3
 * refuses stops the action with S3's reasons.
 */
export async function emptyBucket(context: AwsVerbContext): Promise<EmptyBucketResult> {
  const result: EmptyBucketResult = { objectVersions: 0, deleteMarkers: 0, batches: 0 };
  for (;;) {
    const page = await listPage(context);
    const versions = (page.Versions ?? []).map((v) => ({ Key: v.Key!, VersionId: v.VersionId }));
    const markers = (page.DeleteMarkers ?? []).map((m) => ({
      Key: m.Key!,
      VersionId: m.VersionId,
    }));
    const batch = [...versions, ...markers];
    if (batch.length === 0) return result;
    let answer;
    try {
      answer = await context.scope.s3.send(
        new DeleteObjectsCommand({ Bucket: context.id, Delete: { Objects: batch, Quiet: true } }),
        abortOf(context),
      );
    } catch (error) {
      throw explainAwsError(
        error,
        {
          scope: context.scope,
          call: 'DeleteObjects',
          what: context.arn,
          iamActions: ['s3:DeleteObject', 's3:DeleteObjectVersion'],
          resourceArn: `${context.arn}/*`,
        },
        'action',
      );
    }
    result.batches++;
    const errors = answer.Errors ?? [];
    if (errors.length > 0) {
      const sample = errors
        .slice(0, 3)
        .map((e) => `${e.Key} (${e.VersionId ?? 'null'}): ${e.Code} ${e.Message ?? ''}`.trim());
      throw new ActionFailedError(
        `aws (${context.scope.name}): DeleteObjects on ${context.arn} refused ${errors.length} of ${batch.length} keys: ${sample.join('; ')}`,
        {
          hint: errors.some((e) => e.Code === 'AccessDenied')
            ? "grant s3:DeleteObject and s3:DeleteObjectVersion on the bucket's objects (and check for MFA delete or Object Lock)"
            : 'see the reasons above; run again once they are resolved',
        },
      );
    }
    result.objectVersions += versions.length;
    result.deleteMarkers += markers.length;
  }
}
