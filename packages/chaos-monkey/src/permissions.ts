import type { MonkeyBaseConfig } from '@simian/core';
import type { ChaosConfig } from './config.js';
import { POD_VERBS } from './kubernetes/pod-kill-action.js';

/**
 * What the chaos monkey reads and may do under `config`: the workload kinds it groups pods by,
 * PodDisruptionBudgets only when it respects them, and the one kill method of each target, so
 * `simian rbac` grants eviction or deletion or ephemeral containers, never all three.
 */
export function chaosPermissions(config: ChaosConfig & MonkeyBaseConfig): {
  reads: string[];
  verbs: string[];
} {
  const reads: string[] = [];
  const verbs: string[] = [];
  const k8s = config.kubernetes;
  if (k8s.enabled) {
    const kinds = new Set<string>(['Pod', ...k8s.kinds]);
    if (k8s.kinds.includes('Deployment')) kinds.add('ReplicaSet');
    if (k8s.respectPodDisruptionBudgets) kinds.add('PodDisruptionBudget');
    reads.push(...[...kinds].map((k) => `kubernetes:${k}`));
    verbs.push(`kubernetes:${POD_VERBS[k8s.killMethod]}:Pod`);
  }
  if (config.aws.enabled) {
    reads.push('aws:Instance', 'aws:AutoScalingGroup');
    verbs.push(`aws:${config.aws.killMethod}:Instance`);
  }
  return { reads, verbs };
}
