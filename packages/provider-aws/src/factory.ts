import type { Logger, ProviderFactory } from '@simian/core';
import { awsKindDescriptor, awsKinds } from './kinds/index.js';
import { AwsProvider } from './provider.js';
import { awsRuntimePermissions } from './runtime-permissions.js';
import type { AwsInventorySettings } from './scope.js';
import { awsTargetSchema, type AwsTargetConfig } from './target-schema.js';
import { awsVerbDescriptors } from './verbs/index.js';

/** What the engine hands to `create`; `inventory` is passed when the engine has it. */
export interface AwsCreateContext {
  logger: Logger;
  configDir: string;
  /** simian.yaml's `inventory` section (pageSize, ownerLabel, concurrency). */
  inventory?: Partial<AwsInventorySettings>;
}

/**
 * The `aws` provider: `targets.aws` in simian.yaml, the kinds it lists and the verbs it carries
 * out, each with the IAM actions it needs.
 */
export const awsProvider = {
  name: 'aws',
  description:
    'AWS accounts through the SDK: EC2 instances, volumes, snapshots, images, Elastic IPs, security groups, Auto Scaling groups and S3 buckets; ASG-aware terminations, deletions, tags.',
  targetSchema: awsTargetSchema,
  kinds: awsKinds.map(awsKindDescriptor),
  verbs: awsVerbDescriptors(),
  runtimePermissions: awsRuntimePermissions,
  create(config: AwsTargetConfig, context: AwsCreateContext): AwsProvider {
    return new AwsProvider(config, {
      logger: context.logger,
      ...(context.inventory ? { inventory: context.inventory } : {}),
    });
  },
} satisfies ProviderFactory<typeof awsTargetSchema>;
