import { SEVERITIES, type Severity } from '@simian/core';
import { z } from 'zod';
import { DEFAULT_BATCH_SIZE } from './engine.js';
import { waiverSchema } from './waivers.js';

/** Per-rule settings, keyed by rule id or a pattern with `*` (`K8S-HEALTH-*`). */
export const ruleSettingSchema = z.strictObject({
  /** Set to false to drop the rule's findings. @default true */
  enabled: z.boolean().optional(),
  /** Replaces the severity from the rule's METADATA. */
  severity: z.enum(SEVERITIES as [Severity, ...Severity[]]).optional(),
});

/** A rule's settings in the config. */
export type RuleSetting = z.infer<typeof ruleSettingSchema>;

/**
 * The `policy` section that core and the monkeys embed: which rules run, with which parameters,
 * and which exceptions apply.
 */
export const policyConfigSchema = z
  .strictObject({
    /** Evaluate Simian's built-in rules (policies/bundle/bundle.tar.gz). @default true */
    builtin: z.boolean().default(true),
    /** Bundles you built yourself with `opa build -t wasm` (paths relative to the config file). @default [] */
    bundles: z.array(z.string().min(1)).default([]),
    /**
     * Directories of your own Rego, compiled at start-up (needs opa: SIMIAN_OPA, PATH or the
     * toolchain cache). @default []
     */
    regoDirs: z.array(z.string().min(1)).default([]),
    /** Enable, disable or re-grade rules: `{ "K8S-HEALTH-002": { enabled: false } }`. @default {} */
    rules: z.record(z.string(), ruleSettingSchema).default({}),
    /** Rule parameters (`input.params`), merged over each rule family's defaults. @default {} */
    params: z.record(z.string(), z.unknown()).default({}),
    /** The central exception list. @default [] */
    waivers: z.array(waiverSchema).default([]),
    /**
     * Honour `simian.dev/waive` annotations and `simian:waive` tags. Set to false where the people
     * who deploy must not exempt themselves: their findings then stay, with a note in the evidence.
     * @default true
     */
    allowAnnotationWaivers: z.boolean().default(true),
    /** Resources per wasm call. @default 100 */
    batchSize: z.int().min(1).max(100_000).default(DEFAULT_BATCH_SIZE),
  })
  .prefault({});

/** The `policy` config after defaults. */
export type PolicyConfig = z.infer<typeof policyConfigSchema>;
/** The `policy` config as written. */
export type PolicyConfigInput = z.input<typeof policyConfigSchema>;
