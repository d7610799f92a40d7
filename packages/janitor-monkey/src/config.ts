import { durationSchema } from '@simian/core';
import { z } from 'zod';
import { pricesConfigSchema } from './cost/prices.js';
import { JANITOR_RULES } from './rules/index.js';
import type { RuleBaseConfig } from './rules/rule.js';

/** A tag (or label) that says another tool manages a resource: key, and value if it matters. */
export const managedTagSchema = z.strictObject({
  key: z.string().min(1),
  /** Compared without case; absent: any value. */
  value: z.string().optional(),
});

/** CloudFormation's own tags, and the tags Terraform users put on what it manages. */
export const DEFAULT_MANAGED_TAGS: Array<z.output<typeof managedTagSchema>> = [
  { key: 'aws:cloudformation:stack-name' },
  { key: 'aws:cloudformation:stack-id' },
  { key: 'terraform' },
  { key: 'Terraform' },
  { key: 'managed-by', value: 'terraform' },
  { key: 'ManagedBy', value: 'terraform' },
  { key: 'managed_by', value: 'terraform' },
];

/** One exception: the janitor reports the resource as waived and never marks or removes it. */
export const waiverSchema = z.strictObject({
  ref: z
    .string()
    .min(1)
    .describe('The resource: an exact ref (k8s:ctx/ns/Kind/name, an ARN), or a glob with *.'),
  rule: z.string().min(1).optional().describe('Only this rule; default every rule.'),
  reason: z.string().min(1).describe('Why it is kept.'),
  owner: z.string().min(1).optional(),
  expires: z
    .string()
    .refine((s) => !Number.isNaN(Date.parse(s)), 'must be a date such as 2027-01-31')
    .optional()
    .describe('After this date the waiver no longer counts.'),
});
/** A parsed waiver. */
export type Waiver = z.output<typeof waiverSchema>;

const rulesSchema = z
  .strictObject(Object.fromEntries(JANITOR_RULES.map((r) => [r.id, r.configSchema])))
  .prefault({})
  .describe(
    'One section per rule (`monkeys.janitor.rules.<rule-id>`): enabled, after (the age or idle time), reportOnly, ladder, ladderWait, and the rule’s own fields. docs/janitor.md lists every rule with its default.',
  );

/**
 * The janitor's own fields under `monkeys.janitor` (core adds `enabled`, `dryRun`, `schedule`
 * and `safety`).
 *
 * @example
 * ```yaml
 * monkeys:
 *   janitor:
 *     enabled: true
 *     dryRun: false
 *     gracePeriod: 7d
 *     rules:
 *       aws-unattached-volume: { after: 14d }
 *       k8s-rules-file: { file: kube-janitor-rules.yaml }
 *     waivers:
 *       - { ref: "arn:aws:ec2:us-east-1:123456789012:volume/vol-0abc", reason: "DR drill in January", expires: 2027-02-01 }
 * ```
 */
export const janitorConfigSchema = z.strictObject({
  /** @default "7d" */
  gracePeriod: durationSchema
    .prefault('7d')
    .describe(
      'Time between marking an unused resource (and telling its owner) and removing it. For janitor/ttl and janitor/expires, how long before the expiry the owner is told.',
    ),
  /** @default [] */
  ownerKeys: z
    .array(z.string().min(1))
    .default([])
    .describe(
      "Labels, annotations or tags that name a resource's owner, tried in order after inventory.ownerLabel: the owner is told of marks and removals.",
    ),
  managed: z
    .strictObject({
      /** @default false */
      act: z
        .boolean()
        .default(false)
        .describe(
          'Mark and remove resources another tool manages (CloudFormation, Terraform) too.',
        ),
      tags: z
        .array(managedTagSchema)
        .default(DEFAULT_MANAGED_TAGS)
        .describe(
          'Tags (or labels) that say a tool manages a resource: CloudFormation’s own tags and the usual Terraform ones by default.',
        ),
    })
    .prefault({})
    .describe(
      'Resources managed by CloudFormation or Terraform are reported as waived and never touched, unless act is true: their tool would put them back, or fail.',
    ),
  /** @default [] */
  waivers: z
    .array(waiverSchema)
    .default([])
    .describe('Exceptions: resources reported as waived, never marked or removed.'),
  /** @default 10 */
  keptInPlan: z
    .int()
    .min(0)
    .default(10)
    .describe(
      'How many resources each rule found in use (or not unused for long enough) the plan names, with the reason it keeps them.',
    ),
  prices: pricesConfigSchema,
  rules: rulesSchema,
});

/** The parsed `monkeys.janitor` section, without core's base fields. */
export type JanitorConfig = Omit<z.output<typeof janitorConfigSchema>, 'rules'> & {
  rules: Record<string, RuleBaseConfig & Record<string, unknown>>;
};
