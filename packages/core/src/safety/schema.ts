import { z } from 'zod';
import { durationSchema } from '../config/duration.js';

const includeExclude = (what: string) =>
  z
    .strictObject({
      /** Only these (empty: all). @default [] */
      include: z.array(z.string()).default([]),
      /** Never these. Wins over include. @default [] */
      exclude: z.array(z.string()).default([]),
    })
    .prefault({})
    .describe(`Which ${what} are in scope. Exclude wins over include; an empty include means all.`);

export const DEFAULT_PROTECTED_NAMESPACES = [
  'kube-system',
  'kube-public',
  'kube-node-lease',
  'simian-system',
];

export const safetySchema = z
  .strictObject({
    scope: z
      .strictObject({
        namespaces: includeExclude('Kubernetes namespaces'),
        contexts: includeExclude('Kubernetes contexts'),
        accounts: includeExclude('AWS accounts'),
        regions: includeExclude('AWS regions'),
      })
      .prefault({}),
    /** Resources no monkey may act on, whatever else the config says. */
    protected: z
      .strictObject({
        /** @default ["kube-system","kube-public","kube-node-lease","simian-system"] */
        namespaces: z.array(z.string()).default(DEFAULT_PROTECTED_NAMESPACES),
        /** A resource carrying any of these label/tag key=value pairs is protected. */
        labels: z.record(z.string(), z.string()).default({ 'simian.dev/protected': 'true' }),
        /** Exact refs (k8s:ctx/ns/Kind/name or ARNs). */
        refs: z.array(z.string()).default([]),
      })
      .prefault({}),
    /** A resource with this label/tag set to "true" is never acted on. @default "simian.dev/opt-out" */
    optOutLabel: z.string().default('simian.dev/opt-out'),
    blastRadius: z
      .strictObject({
        /** At most this many destructive actions in one run, over all monkeys. @default 5 */
        maxActionsPerRun: z.int().min(0).default(5),
        /** At most this share (0-1) of one group's members acted on in one run. @default 0.5 */
        maxGroupShare: z.number().gt(0).max(1).default(0.5),
        /** A group must keep at least this many healthy members. @default 1 */
        minHealthy: z.int().min(0).default(1),
      })
      .prefault({}),
    killSwitch: z
      .strictObject({
        /** Engaged when this environment variable is set to anything but "" / "0" / "false". */
        env: z.string().default('SIMIAN_KILL_SWITCH'),
        /** Engaged while this file exists. */
        file: z.string().default('.simian/KILL'),
      })
      .prefault({}),
    /** `simian apply` refuses a plan file older than this. @default "1h" */
    planMaxAge: durationSchema.prefault('1h'),
  })
  .describe('The safety gate: what may be touched, how much, and when.');

export type SafetyConfig = z.output<typeof safetySchema>;

/** Per-monkey overrides of the global safety settings. */
export const monkeySafetySchema = z
  .strictObject({
    /** Require this label/tag (value "true") on a resource before acting on it. */
    optInLabel: z.string().optional(),
    blastRadius: z
      .strictObject({
        maxActionsPerRun: z.int().min(0).optional(),
        maxGroupShare: z.number().gt(0).max(1).optional(),
        minHealthy: z.int().min(0).optional(),
      })
      .optional(),
    scope: z
      .strictObject({
        namespaces: includeExclude('Kubernetes namespaces').optional(),
        regions: includeExclude('AWS regions').optional(),
      })
      .optional(),
  })
  .prefault({});

export type MonkeySafetyConfig = z.output<typeof monkeySafetySchema>;
