import type { Monkey } from '@simian/core';
import { securityConfigSchema } from './config.js';
import { SECURITY_MONKEY_NAME } from './name.js';
import { planSecurity } from './plan-security.js';

/** What the built-in security rules and the endpoint discovery read, for doctor and RBAC. */
export const SECURITY_READS = [
  ...['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob'].map(
    (k) => `kubernetes:${k}`,
  ),
  'kubernetes:ConfigMap',
  'kubernetes:Service',
  'kubernetes:Ingress',
  'kubernetes:Node',
  'kubernetes:Namespace',
  'kubernetes:NetworkPolicy',
  'kubernetes:ServiceAccount',
  'kubernetes:Role',
  'kubernetes:RoleBinding',
  'kubernetes:ClusterRole',
  'kubernetes:ClusterRoleBinding',
  'aws:SecurityGroup',
  'aws:Bucket',
  'aws:Volume',
  'aws:EbsEncryptionByDefault',
  'aws:Snapshot',
  'aws:Image',
  'aws:Instance',
  'aws:InstanceUserData',
];

/**
 * The security monkey: insecure configuration found by the security rules (Rego: Pod Security
 * Standards, hardening, secrets in plain sight, RBAC, network policy, security groups, S3, EBS,
 * snapshots and AMIs, IMDS, user data), and safe active probes of your own endpoints (TLS,
 * exposed admin and debug surfaces, control-plane components answering anonymously) that confirm
 * what is reachable. Report-only: it plans no action and changes nothing.
 */
export const securityMonkey: Monkey<typeof securityConfigSchema> = {
  name: SECURITY_MONKEY_NAME,
  description:
    'Finds insecure configuration with Rego rules and probes your own endpoints (TLS, exposed admin and debug surfaces); report-only.',
  destructive: false,
  configSchema: securityConfigSchema,
  reads: SECURITY_READS,
  // AWS-SHARE-001 judges who may create volumes from a snapshot: a call per snapshot, which only
  // runs with this monkey pay for.
  details: ['aws:Snapshot:createVolumePermission'],
  verbs: [],
  plan: (ctx) => planSecurity(ctx),
};
