import type { MonkeyBaseConfig } from '@simian/core';
import { DEFAULT_AWS_KINDS, DEFAULT_KUBERNETES_KINDS, type ConformityConfig } from './config.js';
import { SCALABLE, WORKLOADS } from './teardown.js';

/** What the conformity monkey lists: the judged kinds and those the built-in rules look up. */
export const CONFORMITY_READS = [
  ...DEFAULT_KUBERNETES_KINDS.map((k) => `kubernetes:${k}`),
  'kubernetes:PodDisruptionBudget',
  'kubernetes:Namespace',
  'kubernetes:autoscaling/v2/HorizontalPodAutoscaler',
  ...DEFAULT_AWS_KINDS.map((k) => `aws:${k}`),
];

/**
 * What the conformity monkey reads and may do under `config`. It reports only (no verb at all)
 * until `enforce.rules` lists a rule; then it marks and unmarks the stacks' members, which are the
 * judged kinds only (the PodDisruptionBudgets and Namespaces the rules look up are never marked),
 * and tears them down by its one `teardown` mode: scale (stop) or delete (terminate), never both.
 * So `simian rbac` grants a report-only monkey reads, and an enforcing one only what it uses.
 */
export function conformityPermissions(config: ConformityConfig & MonkeyBaseConfig): {
  reads: string[];
  verbs: string[];
} {
  if (config.enforce.rules.length === 0) return { reads: [...CONFORMITY_READS], verbs: [] };
  const k8s = config.kinds.kubernetes;
  const aws = config.kinds.aws;
  const scaling = config.teardown === 'scale-to-zero';
  const kubernetesTeardown = k8s.filter((k) => (scaling ? SCALABLE : WORKLOADS).has(k));
  const verbs = [
    ...k8s.flatMap((k) => [`kubernetes:mark:${k}`, `kubernetes:unmark:${k}`]),
    ...kubernetesTeardown.map((k) => `kubernetes:${scaling ? 'scale' : 'delete'}:${k}`),
    ...aws.flatMap((k) => [`aws:mark:${k}`, `aws:unmark:${k}`]),
  ];
  if (aws.includes('Instance')) verbs.push(`aws:${scaling ? 'stop' : 'terminate'}:Instance`);
  if (aws.includes('AutoScalingGroup'))
    verbs.push(`aws:${scaling ? 'scale' : 'delete'}:AutoScalingGroup`);
  return { reads: [...CONFORMITY_READS], verbs };
}
