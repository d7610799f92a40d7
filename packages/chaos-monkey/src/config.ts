import { durationSchema, positiveDurationSchema } from '@simian/core';
import { z } from 'zod';
import { KILL_MODE_SYNTAX, parseKillMode, type KillMode } from './kill-mode.js';

/** The Kubernetes workload kinds whose pods the chaos monkey may kill. */
export const WORKLOAD_KINDS = ['Deployment', 'StatefulSet', 'ReplicaSet', 'DaemonSet'] as const;
/** One of {@link WORKLOAD_KINDS}. */
export type WorkloadKind = (typeof WORKLOAD_KINDS)[number];

/** How a pod is killed. */
export const POD_KILL_METHODS = ['evict', 'delete', 'container-kill'] as const;
/** One of {@link POD_KILL_METHODS}. */
export type PodKillMethod = (typeof POD_KILL_METHODS)[number];

/** How an EC2 instance is killed. */
export const INSTANCE_KILL_METHODS = ['terminate', 'stop', 'reboot'] as const;
/** One of {@link INSTANCE_KILL_METHODS}. */
export type InstanceKillMethod = (typeof INSTANCE_KILL_METHODS)[number];

/** A kill mode written as text (`one`, `fixed:2`, `percent:30`, `random-max-percent:50`). */
export const killModeSchema = z
  .string()
  .transform((text, ctx): KillMode => {
    const mode = parseKillMode(text);
    if ('problem' in mode) {
      ctx.addIssue({ code: 'custom', message: mode.problem });
      return z.NEVER;
    }
    return mode;
  })
  .describe(`How many members of a group one run kills: ${KILL_MODE_SYNTAX}.`);

const optInSchema = z
  .strictObject({
    /**
     * `opt-in`: only workloads, Auto Scaling groups or instances labelled/tagged `<label>=true` are
     * eligible. `opt-out`: everything in scope is eligible unless labelled/tagged `<label>=false`.
     * @default "opt-in"
     */
    mode: z
      .enum(['opt-in', 'opt-out'])
      .default('opt-in')
      .describe(
        'opt-in: only what carries <label>=true is eligible; opt-out: everything in scope is eligible unless it carries <label>=false.',
      ),
    /** @default "chaos.simian.dev/enabled" */
    label: z
      .string()
      .min(1)
      .default('chaos.simian.dev/enabled')
      .describe('The label (Kubernetes) or tag (AWS) that opts a workload or group in or out.'),
  })
  .prefault({})
  .describe('Which workloads and groups are eligible at all (kube-monkey style).');

const recoverySchema = z
  .strictObject({
    /** @default true */
    wait: z
      .boolean()
      .default(true)
      .describe(
        'After each kill, wait until the group is back to desired ready and record how long it took. The next kill in the same group waits for it.',
      ),
    /** @default "5m" */
    timeout: positiveDurationSchema
      .prefault('5m')
      .describe('Give up waiting after this long; the kill is recorded as not recovered.'),
    /** @default "1s" */
    pollInterval: positiveDurationSchema
      .prefault('1s')
      .describe('How often the group is read while waiting; also the precision of the figure.'),
  })
  .prefault({})
  .describe('Recovery measurement after each kill.');

const kubernetesSchema = z
  .strictObject({
    /** @default true */
    enabled: z.boolean().default(true).describe('Kill pods of Kubernetes workloads.'),
    /** @default ["Deployment","StatefulSet","ReplicaSet","DaemonSet"] */
    kinds: z
      .array(z.enum(WORKLOAD_KINDS))
      .min(1)
      .default([...WORKLOAD_KINDS])
      .describe(
        'Workload kinds whose pods may be killed. ReplicaSet means a standalone one: a ReplicaSet of a Deployment belongs to the Deployment.',
      ),
    /** @default "evict" */
    killMethod: z
      .enum(POD_KILL_METHODS)
      .default('evict')
      .describe(
        'evict: the Eviction API, so PodDisruptionBudgets decide; delete: delete with a grace period of 0; container-kill: an ephemeral container signals the main process.',
      ),
    /** @default the pod's own for evict, 0 for delete */
    gracePeriodSeconds: z
      .int()
      .min(0)
      .optional()
      .describe(
        "Grace period of evict and delete. Default: the pod's own for evict, 0 for delete.",
      ),
    /** @default "TERM" */
    signal: z
      .enum(['TERM', 'INT', 'QUIT', 'HUP', 'USR1', 'USR2'])
      .default('TERM')
      .describe(
        "The signal container-kill sends to the container's PID 1. Not KILL: from inside the pod's PID namespace the kernel delivers only signals PID 1 handles.",
      ),
    /** @default true */
    respectPodDisruptionBudgets: z
      .boolean()
      .default(true)
      .describe(
        "Plan no more kills in a group than its PodDisruptionBudgets allow right now (the Eviction API enforces them too; delete and container-kill have only this check). When a budget's status is stale, evict lets the API decide and delete plans nothing.",
      ),
  })
  .prefault({})
  .describe('Kubernetes targets: pods of workloads, grouped by their top controller.');

const awsSchema = z
  .strictObject({
    /** @default true */
    enabled: z.boolean().default(true).describe('Kill EC2 instances.'),
    /** @default "auto-scaling-group" */
    groupBy: z
      .enum(['auto-scaling-group', 'tag'])
      .default('auto-scaling-group')
      .describe(
        'auto-scaling-group: instances are grouped by their Auto Scaling group (instances outside one are left alone); tag: by the value of groupTag.',
      ),
    /** @default "app" */
    groupTag: z
      .string()
      .min(1)
      .default('app')
      .describe('With groupBy: tag, the tag whose value names the group.'),
    /** @default "terminate" */
    killMethod: z
      .enum(INSTANCE_KILL_METHODS)
      .default('terminate')
      .describe(
        'terminate (the Auto Scaling group replaces the instance), stop or reboot the instance.',
      ),
    /** @default "min-size" */
    minInService: z
      .union([z.literal('min-size'), z.int().min(0)])
      .default('min-size')
      .describe(
        "Instances an Auto Scaling group must keep InService and healthy: min-size (the group's MinSize, and at least minHealthy) or a number.",
      ),
  })
  .prefault({})
  .describe('AWS targets: EC2 instances, grouped by Auto Scaling group or by a tag.');

/**
 * The chaos monkey's own fields under `monkeys.chaos` (core adds `enabled`, `dryRun`, `schedule`
 * and `safety`).
 *
 * @example
 * ```yaml
 * monkeys:
 *   chaos:
 *     enabled: true
 *     dryRun: false
 *     killMode: percent:30
 *     minHealthy: 2
 *     kubernetes: { killMethod: evict }
 *     aws: { groupBy: auto-scaling-group, killMethod: terminate }
 * ```
 */
export const chaosConfigSchema = z.strictObject({
  optIn: optInSchema,
  /** @default "one" */
  killMode: killModeSchema.prefault('one'),
  /** @default safety.blastRadius.minHealthy */
  minHealthy: z
    .int()
    .min(0)
    .optional()
    .describe(
      'Healthy members every group keeps, whatever the kill mode asks. Default: safety.blastRadius.minHealthy.',
    ),
  /** @default none: every eligible group is considered in every run */
  mtbf: durationSchema
    .optional()
    .describe(
      'Mean time between kills of one workload or group, in calendar time, unless its chaos.simian.dev/mtbf label or tag says otherwise. Default: none, every run considers every eligible group.',
    ),
  recovery: recoverySchema,
  kubernetes: kubernetesSchema,
  aws: awsSchema,
});

/** The parsed `monkeys.chaos` section, without core's base fields. */
export type ChaosConfig = z.output<typeof chaosConfigSchema>;
