import {
  GetBucketAclCommand,
  GetBucketEncryptionCommand,
  GetBucketLocationCommand,
  GetBucketPolicyCommand,
  GetBucketTaggingCommand,
  GetBucketVersioningCommand,
  GetPublicAccessBlockCommand,
  ListObjectVersionsCommand,
} from '@aws-sdk/client-s3';
import { awsErrorName, explainAwsError } from '../errors.js';
import type { AwsScope } from '../scope.js';
import { abortOption } from './kind.js';

/** What Simian knows of a bucket: the fields security and janitor rules read. */
export interface BucketDetails {
  Name: string;
  CreationDate?: string;
  Region: string;
  Acl: { Owner?: unknown; Grants?: unknown[] };
  /** The bucket policy, parsed; null when there is none. */
  Policy: unknown;
  /** null when no public access block is configured (nothing is blocked at the bucket). */
  PublicAccessBlock: Record<string, boolean | undefined> | null;
  /** Default encryption rules; null when none is configured. */
  Encryption: { Rules?: unknown[] } | null;
  /** `Status` is absent for a bucket that was never versioned. */
  Versioning: { Status?: string; MFADelete?: string };
  Tags: Array<{ Key?: string; Value?: string }>;
  /** No object, no version, no delete marker (one ListObjectVersions of one key says). */
  Empty: boolean;
}

/** Errors that mean "not configured", which S3 (and moto) send instead of an empty answer. */
const notConfigured = new Set([
  'NoSuchBucketPolicy',
  'NoSuchPublicAccessBlockConfiguration',
  'ServerSideEncryptionConfigurationNotFoundError',
  'NoSuchTagSet',
  'NoSuchTagSetError',
]);

/** The bucket's region: GetBucketLocation answers nothing for us-east-1 and "EU" for old eu-west-1 buckets. */
export async function bucketRegion(
  scope: AwsScope,
  name: string,
  signal?: AbortSignal,
): Promise<string> {
  try {
    const answer = await scope.s3.send(
      new GetBucketLocationCommand({ Bucket: name }),
      abortOption(signal),
    );
    const c = answer.LocationConstraint as string | undefined;
    return !c ? 'us-east-1' : c === 'EU' ? 'eu-west-1' : c;
  } catch (error) {
    throw explainAwsError(
      error,
      {
        scope,
        call: 'GetBucketLocation',
        what: `bucket ${name}`,
        iamActions: ['s3:GetBucketLocation'],
        resourceArn: `arn:${scope.partition}:s3:::${name}`,
      },
      'target',
    );
  }
}

/**
 * A bucket's ACL, policy, public access block, encryption, versioning and tags, six calls in
 * parallel (the caller bounds how many buckets at once). "Not configured" answers become null.
 */
export async function bucketDetails(
  scope: AwsScope,
  name: string,
  region: string,
  creationDate: Date | undefined,
  signal?: AbortSignal,
): Promise<BucketDetails> {
  const arn = `arn:${scope.partition}:s3:::${name}`;
  const ask = async <T>(
    call: string,
    action: string,
    send: () => Promise<T>,
  ): Promise<T | null> => {
    try {
      return await send();
    } catch (error) {
      if (notConfigured.has(awsErrorName(error))) return null;
      throw explainAwsError(
        error,
        { scope, call, what: `bucket ${name}`, iamActions: [action], resourceArn: arn },
        'target',
      );
    }
  };
  const opts = abortOption(signal);
  const [acl, policy, pab, encryption, versioning, tagging, contents] = await Promise.all([
    ask('GetBucketAcl', 's3:GetBucketAcl', () =>
      scope.s3.send(new GetBucketAclCommand({ Bucket: name }), opts),
    ),
    ask('GetBucketPolicy', 's3:GetBucketPolicy', () =>
      scope.s3.send(new GetBucketPolicyCommand({ Bucket: name }), opts),
    ),
    ask('GetPublicAccessBlock', 's3:GetBucketPublicAccessBlock', () =>
      scope.s3.send(new GetPublicAccessBlockCommand({ Bucket: name }), opts),
    ),
    ask('GetBucketEncryption', 's3:GetEncryptionConfiguration', () =>
      scope.s3.send(new GetBucketEncryptionCommand({ Bucket: name }), opts),
    ),
    ask('GetBucketVersioning', 's3:GetBucketVersioning', () =>
      scope.s3.send(new GetBucketVersioningCommand({ Bucket: name }), opts),
    ),
    ask('GetBucketTagging', 's3:GetBucketTagging', () =>
      scope.s3.send(new GetBucketTaggingCommand({ Bucket: name }), opts),
    ),
    // Versions and delete markers count: a bucket holding only old versions is not empty.
    ask('ListObjectVersions', 's3:ListBucketVersions', () =>
      scope.s3.send(new ListObjectVersionsCommand({ Bucket: name, MaxKeys: 1 }), opts),
    ),
  ]);
  return {
    Name: name,
    ...(creationDate ? { CreationDate: creationDate.toISOString() } : {}),
    Region: region,
    Acl: { Owner: acl?.Owner, Grants: acl?.Grants ?? [] },
    Policy: parsePolicy(policy?.Policy),
    PublicAccessBlock:
      (pab?.PublicAccessBlockConfiguration as BucketDetails['PublicAccessBlock']) ?? null,
    Encryption: encryption?.ServerSideEncryptionConfiguration ?? null,
    Versioning: {
      ...(versioning?.Status ? { Status: versioning.Status } : {}),
      ...(versioning?.MFADelete ? { MFADelete: versioning.MFADelete } : {}),
    },
    Tags: tagging?.TagSet ?? [],
    Empty: (contents?.Versions?.length ?? 0) === 0 && (contents?.DeleteMarkers?.length ?? 0) === 0,
  };
}

function parsePolicy(text: string | undefined): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** The bucket-detail IAM actions, for the kind's permissions. */
export const bucketDetailActions = [
  's3:GetBucketLocation',
  's3:GetBucketAcl',
  's3:GetBucketPolicy',
  's3:GetBucketPublicAccessBlock',
  's3:GetEncryptionConfiguration',
  's3:GetBucketVersioning',
  's3:GetBucketTagging',
  's3:ListBucketVersions',
];
