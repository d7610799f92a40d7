import { durationSchema } from '@simian/core';
import { policyConfigSchema } from '@simian/policy';
import { z } from 'zod';

/** How a non-conforming stack is taken down once its grace period is over. */
export const TEARDOWN_MODES = ['scale-to-zero', 'delete'] as const;
/** One of {@link TEARDOWN_MODES}. */
export type TeardownMode = (typeof TEARDOWN_MODES)[number];

/** Kubernetes kinds judged by default: every kind a built-in rule reads. */
export const DEFAULT_KUBERNETES_KINDS = [
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'ReplicaSet',
  'Job',
  'CronJob',
  'Pod',
  'Service',
];

/** AWS kinds judged by default: the ones a built-in rule reads and a stack is made of. */
export const DEFAULT_AWS_KINDS = ['Instance', 'AutoScalingGroup'];

/**
 * Kinds a rule names in its METADATA (`inventory_kinds`) that the provider lists under another
 * name: the Kubernetes provider reaches HorizontalPodAutoscalers through API discovery only.
 */
export const DEFAULT_LIST_AS: Record<string, string> = {
  HorizontalPodAutoscaler: 'autoscaling/v2/HorizontalPodAutoscaler',
};

/** Where a Kubernetes resource's stack name is read from: a label or an annotation. */
export const stackKeySchema = z.union([
  z.strictObject({ label: z.string().min(1) }),
  z.strictObject({ annotation: z.string().min(1) }),
]);
/** One entry of `stacks.kubernetes`. */
export type StackKey = z.output<typeof stackKeySchema>;

/** The Kubernetes stack keys, in the order they are tried. */
export const DEFAULT_KUBERNETES_STACK_KEYS: StackKey[] = [
  { annotation: 'meta.helm.sh/release-name' },
  { label: 'helm.sh/release' },
  { label: 'app.kubernetes.io/instance' },
  { label: 'app.kubernetes.io/part-of' },
];

/** The AWS tags that name a stack, in the order they are tried. */
export const DEFAULT_AWS_STACK_TAGS = ['simian:stack', 'aws:cloudformation:stack-name'];

const stacksSchema = z
  .strictObject({
    /** @default Helm release annotation, helm.sh/release, app.kubernetes.io/instance, app.kubernetes.io/part-of */
    kubernetes: z
      .array(stackKeySchema)
      .default(DEFAULT_KUBERNETES_STACK_KEYS)
      .describe(
        'Labels ({ label: key }) and annotations ({ annotation: key }) that name a Kubernetes stack, first match wins. A resource with none of them belongs to the stack of its namespace.',
      ),
    /** @default ["simian:stack", "aws:cloudformation:stack-name"] */
    aws: z
      .array(z.string().min(1))
      .default(DEFAULT_AWS_STACK_TAGS)
      .describe(
        'Tags that name an AWS stack, first match wins. Without one, an instance belongs to its Auto Scaling group and anything else is a stack of its own.',
      ),
  })
  .prefault({})
  .describe('How resources are grouped into stacks, the unit that is marked and torn down.');

const kindsSchema = z
  .strictObject({
    /** @default ["Deployment","StatefulSet","DaemonSet","ReplicaSet","Job","CronJob","Pod","Service"] */
    kubernetes: z
      .array(z.string().min(1))
      .default(DEFAULT_KUBERNETES_KINDS)
      .describe('Kubernetes kinds that are judged (and make up stacks).'),
    /** @default ["Instance","AutoScalingGroup"] */
    aws: z
      .array(z.string().min(1))
      .default(DEFAULT_AWS_KINDS)
      .describe('AWS kinds that are judged (and make up stacks).'),
    related: z
      .strictObject({
        /** @default [] */
        kubernetes: z.array(z.string().min(1)).default([]),
        /** @default [] */
        aws: z.array(z.string().min(1)).default([]),
      })
      .prefault({})
      .describe(
        "Kinds listed only for rules to look up (data.inventory), besides those the rules' METADATA names in inventory_kinds.",
      ),
    /** @default { HorizontalPodAutoscaler: "autoscaling/v2/HorizontalPodAutoscaler" } */
    listAs: z
      .record(z.string().min(1), z.string().min(1))
      .default(DEFAULT_LIST_AS)
      .describe(
        'Kinds the rules name that the provider lists under another name (group/version/Kind for Kubernetes kinds served by discovery).',
      ),
  })
  .prefault({})
  .describe('What is listed from the inventory for the rules.');

const enforceSchema = z
  .strictObject({
    /** @default [] */
    rules: z
      .array(z.string().min(1))
      .default([])
      .describe(
        'Rule ids whose violations lead to teardown after the grace period. Only rules whose METADATA says enforceable: true; anything else is a config error.',
      ),
  })
  .prefault({})
  .describe('Which rules are enforced. Without any, the monkey only reports.');

/**
 * The conformity monkey's own fields under `monkeys.conformity` (core adds `enabled`, `dryRun`,
 * `schedule` and `safety`).
 *
 * @example
 * ```yaml
 * monkeys:
 *   conformity:
 *     enabled: true
 *     dryRun: false
 *     policy:
 *       waivers:
 *         - { rule: K8S-EXPO-001, ref: "k8s:prod/tools/Service/grafana", owner: sre, justification: behind VPN,
 *             approver: ciso, ticket: SEC-12, expires: 2027-01-31 }
 *     enforce: { rules: [K8S-EXPO-001, K8S-AVAIL-001] }
 *     gracePeriod: 7d
 *     teardown: scale-to-zero
 *     safety: { blastRadius: { minHealthy: 0, maxGroupShare: 1 } }
 * ```
 */
export const conformityConfigSchema = z.strictObject({
  policy: policyConfigSchema.describe(
    'Which Rego rules run, with which parameters, and which exceptions apply.',
  ),
  stacks: stacksSchema,
  kinds: kindsSchema,
  enforce: enforceSchema,
  /** @default "7d" */
  gracePeriod: durationSchema
    .prefault('7d')
    .describe('Time between marking a non-conforming stack and tearing it down.'),
  /** @default "scale-to-zero" */
  teardown: z
    .enum(TEARDOWN_MODES)
    .default('scale-to-zero')
    .describe(
      'scale-to-zero: Deployments, StatefulSets and ReplicaSets to 0 replicas, standalone EC2 instances stopped (everything else stays, so the owner can scale back up); delete: workloads deleted, standalone EC2 instances terminated.',
    ),
});

/** The parsed `monkeys.conformity` section, without core's base fields. */
export type ConformityConfig = z.output<typeof conformityConfigSchema>;
