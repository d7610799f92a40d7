import type { VerbDescriptor } from '@simian/core';
import { deleteAutoScalingGroupVerb, scaleAutoScalingGroupVerb } from './auto-scaling-group.js';
import { createSnapshotVerb } from './create-snapshot.js';
import { deleteBucketVerb } from './delete-bucket.js';
import { deleteVolumeVerb } from './delete-volume.js';
import { ec2RemovalVerbs } from './ec2-removals.js';
import { rebootInstanceVerb, stopInstanceVerb } from './instance-power.js';
import { tagVerbs } from './tags.js';
import { terminateInstanceVerb } from './terminate-instance.js';
import type { AwsVerb } from './verb.js';

/** Every verb the AWS provider carries out, one entry per verb and kind. */
export const awsVerbs: readonly AwsVerb[] = [
  terminateInstanceVerb as AwsVerb,
  stopInstanceVerb as AwsVerb,
  rebootInstanceVerb as AwsVerb,
  ...ec2RemovalVerbs,
  deleteVolumeVerb as AwsVerb,
  createSnapshotVerb as AwsVerb,
  deleteBucketVerb as AwsVerb,
  scaleAutoScalingGroupVerb as AwsVerb,
  deleteAutoScalingGroupVerb as AwsVerb,
  ...tagVerbs,
];

/** The verb for `verb` on `kind`, or undefined. */
export const awsVerb = (verb: string, kind: string): AwsVerb | undefined =>
  awsVerbs.find((v) => v.verb === verb && v.kind === kind);

/** One descriptor per verb and kind, with exactly the IAM actions it needs. */
export const awsVerbDescriptors = (): VerbDescriptor[] =>
  awsVerbs.map((v) => ({
    verb: v.verb,
    kinds: [v.kind],
    permissions: [{ kind: 'iam', actions: v.iamActions }],
    description: v.description,
    params: v.params,
    dryRun: v.dryRun === 'api' ? "the API's own (EC2 DryRun)" : 'read-only checks, no change',
  }));
