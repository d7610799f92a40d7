import {
  CreateBucketCommand,
  ListBucketsCommand,
  ListObjectsV2Command,
  PutBucketAclCommand,
  PutBucketEncryptionCommand,
  PutBucketPolicyCommand,
  PutBucketTaggingCommand,
  PutBucketVersioningCommand,
  PutObjectCommand,
  PutPublicAccessBlockCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import type { AwsEstate, SeedBucket } from './aws-estate.js';
import { note, seedTag, type SeedLedger } from './seed-aws-tags.js';

/** Creates the missing buckets and (re)applies every bucket's settings; adds missing objects. */
export async function ensureBuckets(
  s3: S3Client,
  estate: AwsEstate,
  ledger: SeedLedger,
): Promise<void> {
  const existing = new Set((await s3.send(new ListBucketsCommand({}))).Buckets?.map((b) => b.Name));
  for (const bucket of estate.buckets) {
    note(ledger, !existing.has(bucket.name), `bucket/${bucket.name}`);
    if (!existing.has(bucket.name)) await s3.send(new CreateBucketCommand({ Bucket: bucket.name }));
    await configureBucket(s3, bucket);
    await putMissingObjects(s3, bucket);
  }
}

/** Public through ACL and policy, or locked by a public access block; encryption; versioning. */
async function configureBucket(s3: S3Client, bucket: SeedBucket): Promise<void> {
  const Bucket = bucket.name;
  const TagSet = Object.entries({ ...bucket.tags, [seedTag]: bucket.name }).map(([Key, Value]) => ({
    Key,
    Value,
  }));
  await s3.send(new PutBucketTaggingCommand({ Bucket, Tagging: { TagSet } }));
  if (bucket.public) {
    await s3.send(new PutBucketAclCommand({ Bucket, ACL: 'public-read' }));
    const statement = {
      Sid: 'PublicRead',
      Effect: 'Allow',
      Principal: '*',
      Action: 's3:GetObject',
      Resource: `arn:aws:s3:::${Bucket}/*`,
    };
    await s3.send(
      new PutBucketPolicyCommand({
        Bucket,
        Policy: JSON.stringify({ Version: '2012-10-17', Statement: [statement] }),
      }),
    );
  } else {
    const block = {
      BlockPublicAcls: true,
      IgnorePublicAcls: true,
      BlockPublicPolicy: true,
      RestrictPublicBuckets: true,
    };
    await s3.send(
      new PutPublicAccessBlockCommand({ Bucket, PublicAccessBlockConfiguration: block }),
    );
  }
  if (bucket.encrypted) {
    const rule = { ApplyServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' as const } };
    await s3.send(
      new PutBucketEncryptionCommand({
        Bucket,
        ServerSideEncryptionConfiguration: { Rules: [rule] },
      }),
    );
  }
  if (bucket.versioned) {
    await s3.send(
      new PutBucketVersioningCommand({ Bucket, VersioningConfiguration: { Status: 'Enabled' } }),
    );
  }
}

/** A versioned bucket gets each object written twice, so that it holds a noncurrent version. */
async function putMissingObjects(s3: S3Client, bucket: SeedBucket): Promise<void> {
  const Bucket = bucket.name;
  const listed = await s3.send(new ListObjectsV2Command({ Bucket }));
  const present = new Set(listed.Contents?.map((o) => o.Key));
  for (const [Key, body] of Object.entries(bucket.objects)) {
    if (present.has(Key)) continue;
    const bodies = bucket.versioned ? [`${body} (first version)`, body] : [body];
    for (const Body of bodies) await s3.send(new PutObjectCommand({ Bucket, Key, Body }));
  }
}
