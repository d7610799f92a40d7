import type { Monkey } from '@simian/core';
import { applyChaos } from './apply-chaos.js';
import { chaosConfigSchema } from './config.js';
import { CHAOS_MONKEY_NAME } from './plan-part.js';
import { chaosPermissions } from './permissions.js';
import { planChaos } from './plan-chaos.js';
import { recheckChaos } from './recheck.js';

/**
 * The chaos monkey: on schedule, inside the blast radius, kills pods of opted-in Kubernetes
 * workloads (evict, delete, or a container kill) and EC2 instances of opted-in Auto Scaling groups
 * (terminate, stop, reboot), then measures how long each group takes to recover.
 *
 * It is destructive, so it runs in dry-run until the config says `dryRun: false`. Kills are not
 * reversible, so it has no rollback.
 */
export const chaosMonkey: Monkey<typeof chaosConfigSchema> = {
  name: CHAOS_MONKEY_NAME,
  description:
    'Kills pods of opted-in workloads and EC2 instances of opted-in Auto Scaling groups inside the blast radius, and measures recovery.',
  destructive: true,
  configSchema: chaosConfigSchema,
  reads: [
    'kubernetes:Pod',
    'kubernetes:ReplicaSet',
    'kubernetes:Deployment',
    'kubernetes:StatefulSet',
    'kubernetes:DaemonSet',
    'kubernetes:PodDisruptionBudget',
    'aws:Instance',
    'aws:AutoScalingGroup',
  ],
  verbs: [
    'kubernetes:evict:Pod',
    'kubernetes:delete:Pod',
    'kubernetes:kill-container:Pod',
    'aws:terminate:Instance',
    'aws:stop:Instance',
    'aws:reboot:Instance',
  ],
  // Under a given config: only the kinds it lists and the one kill method of each target.
  permissionsFor: chaosPermissions,
  plan: planChaos,
  recheck: recheckChaos,
  apply: applyChaos,
};
