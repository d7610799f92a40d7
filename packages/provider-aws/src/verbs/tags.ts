import {
  CreateOrUpdateTagsCommand,
  DeleteTagsCommand as DeleteAsgTagsCommand,
  DescribeAutoScalingGroupsCommand,
} from '@aws-sdk/client-auto-scaling';
import { CreateTagsCommand, DeleteTagsCommand } from '@aws-sdk/client-ec2';
import {
  DeleteBucketTaggingCommand,
  GetBucketTaggingCommand,
  PutBucketTaggingCommand,
} from '@aws-sdk/client-s3';
import { ActionFailedError, markParamsSchema, unmarkParamsSchema } from '@simian/core';
import { awsErrorName, explainAwsError } from '../errors.js';
import { recordToTags, tagsToRecord } from '../plain.js';
import { abortOf, defineAwsVerb, ec2Call, type AwsVerb, type AwsVerbContext } from './verb.js';

/**
 * `mark` takes the one shape of every provider (`{ marks }`): AWS marks are tags, and `Resource.marks`
 * reads them back. Tags have limits of their own.
 */
const markParams = markParamsSchema.refine(
  (p) => Object.entries(p.marks).every(([k, v]) => k.length <= 128 && v.length <= 256),
  { message: 'AWS tag keys are at most 128 characters, values 256', path: ['marks'] },
);

type TagApi = {
  iamMark: string[];
  iamUnmark: string[];
  dryRun: 'api' | 'checks';
  set(context: AwsVerbContext, tags: Record<string, string>): Promise<Record<string, unknown>>;
  remove(context: AwsVerbContext, keys: string[]): Promise<Record<string, unknown>>;
};

const ec2Tags: TagApi = {
  iamMark: ['ec2:CreateTags'],
  iamUnmark: ['ec2:DeleteTags'],
  dryRun: 'api',
  async set(c, tags) {
    const r = await ec2Call(c, 'CreateTags', ['ec2:CreateTags'], (dryRun) =>
      c.scope.ec2.send(
        new CreateTagsCommand({ Resources: [c.id], Tags: recordToTags(tags), DryRun: dryRun }),
        abortOf(c),
      ),
    );
    return { ...r, set: tags };
  },
  async remove(c, keys) {
    const r = await ec2Call(c, 'DeleteTags', ['ec2:DeleteTags'], (dryRun) =>
      c.scope.ec2.send(
        new DeleteTagsCommand({
          Resources: [c.id],
          Tags: keys.map((Key) => ({ Key })),
          DryRun: dryRun,
        }),
        abortOf(c),
      ),
    );
    return { ...r, removed: keys };
  },
};

/** Auto Scaling has no dry-run: in dry-run the group's existence is checked and nothing changes. */
const autoScalingTags: TagApi = {
  iamMark: ['autoscaling:CreateOrUpdateTags'],
  iamUnmark: ['autoscaling:DeleteTags'],
  dryRun: 'checks',
  async set(c, tags) {
    if (c.dryRun) return { ...(await checkGroup(c)), set: tags };
    await send(c, 'CreateOrUpdateTags', ['autoscaling:CreateOrUpdateTags'], () =>
      c.scope.autoscaling.send(
        new CreateOrUpdateTagsCommand({
          Tags: Object.entries(tags).map(([Key, Value]) => ({
            ResourceId: c.id,
            ResourceType: 'auto-scaling-group',
            Key,
            Value,
            PropagateAtLaunch: false,
          })),
        }),
        abortOf(c),
      ),
    );
    return { set: tags };
  },
  async remove(c, keys) {
    if (c.dryRun) return { ...(await checkGroup(c)), removed: keys };
    await send(c, 'DeleteTags', ['autoscaling:DeleteTags'], () =>
      c.scope.autoscaling.send(
        new DeleteAsgTagsCommand({
          Tags: keys.map((Key) => ({ ResourceId: c.id, ResourceType: 'auto-scaling-group', Key })),
        }),
        abortOf(c),
      ),
    );
    return { removed: keys };
  },
};

async function checkGroup(c: AwsVerbContext): Promise<{ dryRun: true; note: string }> {
  const answer = await send(
    c,
    'DescribeAutoScalingGroups',
    ['autoscaling:DescribeAutoScalingGroups'],
    () =>
      c.scope.autoscaling.send(
        new DescribeAutoScalingGroupsCommand({ AutoScalingGroupNames: [c.id] }),
        abortOf(c),
      ),
  );
  if (!answer.AutoScalingGroups?.length) {
    throw new ActionFailedError(
      `aws (${c.scope.name}): Auto Scaling group ${c.id} does not exist`,
      { hint: 'it is gone: nothing to do' },
    );
  }
  return {
    dryRun: true,
    note: 'Auto Scaling has no dry-run: the group was checked; nothing was changed',
  };
}

/**
 * S3 replaces a bucket's tag set whole, so marking reads it, merges and writes it back. S3 has no
 * dry-run: in dry-run the tag set is read and the result reported, and nothing is written.
 */
const bucketTags: TagApi = {
  iamMark: ['s3:GetBucketTagging', 's3:PutBucketTagging'],
  iamUnmark: ['s3:GetBucketTagging', 's3:PutBucketTagging'],
  dryRun: 'checks',
  async set(c, tags) {
    return writeBucketTags(c, { ...(await readBucketTags(c)), ...tags });
  },
  async remove(c, keys) {
    const current = await readBucketTags(c);
    for (const k of keys) delete current[k];
    return writeBucketTags(c, current);
  },
};

async function readBucketTags(c: AwsVerbContext): Promise<Record<string, string>> {
  try {
    const answer = await c.scope.s3.send(new GetBucketTaggingCommand({ Bucket: c.id }), abortOf(c));
    return tagsToRecord(answer.TagSet);
  } catch (error) {
    if (['NoSuchTagSet', 'NoSuchTagSetError'].includes(awsErrorName(error))) return {};
    throw explainAwsError(
      error,
      {
        scope: c.scope,
        call: 'GetBucketTagging',
        what: c.arn,
        iamActions: ['s3:GetBucketTagging'],
        resourceArn: c.arn,
      },
      'action',
    );
  }
}

async function writeBucketTags(
  c: AwsVerbContext,
  tags: Record<string, string>,
): Promise<Record<string, unknown>> {
  if (c.dryRun)
    return {
      dryRun: true,
      tags,
      note: 'S3 has no dry-run: the tag set was read; nothing was written',
    };
  const empty = Object.keys(tags).length === 0;
  await send(c, empty ? 'DeleteBucketTagging' : 'PutBucketTagging', ['s3:PutBucketTagging'], () =>
    empty
      ? c.scope.s3.send(new DeleteBucketTaggingCommand({ Bucket: c.id }), abortOf(c))
      : c.scope.s3.send(
          new PutBucketTaggingCommand({ Bucket: c.id, Tagging: { TagSet: recordToTags(tags) } }),
          abortOf(c),
        ),
  );
  return { tags };
}

async function send<T>(
  c: AwsVerbContext,
  call: string,
  iamActions: string[],
  fn: () => Promise<T>,
): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    throw explainAwsError(
      error,
      { scope: c.scope, call, what: c.arn, iamActions, resourceArn: c.arn },
      'action',
    );
  }
}

const tagApis: Record<string, TagApi> = {
  Instance: ec2Tags,
  // The user data is the instance's: its marks are the instance's tags.
  InstanceUserData: ec2Tags,
  Volume: ec2Tags,
  Snapshot: ec2Tags,
  Image: ec2Tags,
  Address: ec2Tags,
  SecurityGroup: ec2Tags,
  NetworkInterface: ec2Tags,
  LaunchTemplate: ec2Tags,
  AutoScalingGroup: autoScalingTags,
  Bucket: bucketTags,
};

/** `mark` and `unmark` for every taggable kind: tags through each service's own tagging API. */
export const tagVerbs: AwsVerb[] = Object.entries(tagApis).flatMap(([kind, api]) => [
  defineAwsVerb({
    verb: 'mark',
    kind,
    description: 'Sets the marks (params.marks) as tags on the resource. Other tags stay.',
    params: markParams,
    iamActions: api.iamMark,
    dryRun: api.dryRun,
    run: (context, params) => api.set(context, params.marks),
  }) as AwsVerb,
  defineAwsVerb({
    verb: 'unmark',
    kind,
    description: 'Removes the marks (tags) named in params.keys.',
    params: unmarkParamsSchema,
    iamActions: api.iamUnmark,
    dryRun: api.dryRun,
    run: (context, params) => api.remove(context, params.keys),
  }) as AwsVerb,
]);
