import { durationSchema, type Resource } from '@simian/core';
import { z } from 'zod';
import type { ScopeEstate } from '../estate.js';

/** How a rule knows since when a resource has been unused. */
export type RuleClock =
  /** The API says (a Job's completion, a snapshot's start, an instance's state change). */
  | 'api'
  /** The API does not say: the janitor counts from when it first saw it unused (`unused-since`). */
  | 'first-seen';

/** What a rule found about one resource. */
export type Judgement =
  | {
      unused: true;
      /** Why it counts as unused, in one sentence. */
      reason: string;
      /** Since when, where the API says; else the janitor's first-seen mark counts. */
      since?: Date;
      /** What `since` is (`finished`, `created`, `stopped`), for the evidence. */
      sinceWhat?: string;
      /** For expiry rules: when the owner said it may go (a TTL, an expiry date). */
      deadline?: Date;
      /** What was checked, for the finding's evidence. */
      evidence: Record<string, unknown>;
      /** The rule id to report, where one rule stands for several (a kube-janitor rules file's). */
      ruleId?: string;
    }
  | {
      unused: false;
      /** Why it is kept (in use, managed by something else, cannot be deleted). */
      reason: string;
    };

/** What a rule is given besides the resource. */
export interface RuleContext<C> {
  now: Date;
  /** Everything listed in the resource's scope. */
  estate: ScopeEstate;
  /** The rule's own config. */
  config: C;
  /** The janitor's first-seen time on the resource, if it recorded one. */
  firstSeen?: Date;
  /** The folder of simian.yaml: files the config names are relative to it. */
  configDir: string;
}

/** The fields every rule's config has. */
export interface RuleBaseConfig {
  enabled: boolean;
  /** ms: how long a resource must have been unused (or old) before it is marked. */
  after: number;
  reportOnly: boolean;
  /** Whether to take the reversible step first, where the kind has one. */
  ladder: boolean;
  /** ms: how long to wait after the reversible step before the deletion. */
  ladderWait: number;
}

/**
 * One janitor rule, whole in one file: its id, what it judges, what it reads, its config with
 * defaults, and how it decides that a resource is unused (with evidence). Acting is not its
 * business: the kind decides how a resource is removed (`removal.ts`).
 */
export interface JanitorRule<C extends RuleBaseConfig = RuleBaseConfig> {
  id: string;
  provider: 'kubernetes' | 'aws';
  /** The kinds it judges. */
  kinds: readonly string[];
  /** One line, for docs and findings. */
  title: string;
  /** What counts as unused, and what is checked: the docs say this. */
  description: string;
  /** Every kind it lists (the judged ones and those it looks things up in). */
  reads: readonly string[];
  /** The kinds it judges and reads under a config, where that depends on it. */
  kindsFor?(config: C, configDir: string): { kinds: readonly string[]; reads: readonly string[] };
  clock: RuleClock;
  configSchema: z.ZodType<C>;
  /** Undefined: not this rule's business (another kind, a case it does not judge at all). */
  judge(r: Resource, ctx: RuleContext<C>): Judgement | undefined;
}

/** Declares a rule with its config type inferred. */
export const defineRule = <C extends RuleBaseConfig>(rule: JanitorRule<C>): JanitorRule<C> => rule;

/** Defaults of the base fields, per rule. */
export interface RuleDefaults {
  after: string;
  reportOnly?: boolean;
  /** Set where the kind has a reversible step before deletion. */
  ladder?: boolean;
  ladderWait?: string;
}

/**
 * The config schema of a rule: `enabled`, `after`, `reportOnly`, `ladder`, `ladderWait` with this
 * rule's defaults, and its own fields.
 */
export function ruleConfigSchema<E extends z.ZodRawShape = Record<never, never>>(
  id: string,
  defaults: RuleDefaults,
  extra: E = {} as E,
) {
  return z
    .strictObject({
      /** @default true */
      enabled: z.boolean().default(true).describe(`Whether rule ${id} runs.`),
      after: durationSchema
        .prefault(defaults.after)
        .describe(
          `How long a resource must have been unused (or old, for age rules) before it is marked. Default ${defaults.after}.`,
        ),
      reportOnly: z
        .boolean()
        .default(defaults.reportOnly ?? false)
        .describe(
          `Report findings and never mark or remove anything. Default ${String(defaults.reportOnly ?? false)}.`,
        ),
      ladder: z
        .boolean()
        .default(defaults.ladder ?? true)
        .describe(
          'Take the reversible step first where the kind has one (snapshot a volume, stop an instance, scale a group to zero, save and revoke a security group’s rules), then delete.',
        ),
      ladderWait: durationSchema
        .prefault(defaults.ladderWait ?? '3d')
        .describe(
          'After the reversible step (stop, scale to zero, revoke), wait this long before deleting. A snapshot needs no wait: the volume goes once its snapshot has completed.',
        ),
      ...extra,
    })
    .prefault({} as never)
    .describe(`Rule ${id}.`);
}
