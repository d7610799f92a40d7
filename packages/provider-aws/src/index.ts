export { awsFeature } from './feature.js';
export { awsProvider, type AwsCreateContext } from './factory.js';
export { AwsProvider, type AwsProviderOptions } from './provider.js';
export {
  awsTargetSchema,
  awsScopeSchema,
  type AwsTargetConfig,
  type AwsScopeConfig,
} from './target-schema.js';
export {
  defaultAwsInventorySettings,
  type AwsInventorySettings,
  type AwsRequestStats,
} from './scope.js';
export { awsKinds, awsKind, awsKindDescriptor } from './kinds/index.js';
export type { AwsKind, AwsPlace } from './kinds/kind.js';
export { instanceResource } from './kinds/instance.js';
export { autoScalingGroupResource } from './kinds/auto-scaling-group.js';
export type { BucketDetails } from './kinds/bucket-details.js';
export { awsVerbs, awsVerbDescriptors } from './verbs/index.js';
export type { AwsVerb, AwsVerbContext } from './verbs/verb.js';
export {
  parseArn,
  formatArn,
  ec2Arn,
  bucketArn,
  autoScalingGroupArn,
  arnTarget,
  arnOf,
  partitionOf,
  type Arn,
  type ArnTarget,
} from './arn.js';
export { principalArn } from './permissions.js';
export { diagnoseAws, iamPolicyFor, type AwsScopeDiagnosis } from './doctor.js';
