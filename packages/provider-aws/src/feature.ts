import { defineFeature } from '@simian/core';
import { awsProvider } from './factory.js';

/** The AWS provider package's one registration entry: its kinds and verbs come with it. */
export const awsFeature = defineFeature({
  name: 'provider-aws',
  description: 'AWS accounts: EC2, Auto Scaling and S3 inventory, verbs, IAM permissions',
  register: (registry) => void registry.registerProvider(awsProvider),
});
