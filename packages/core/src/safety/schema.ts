import { z } from 'zod';
import { durationSchema } from '../config/duration.js';

const includeExclude = (what: string) =>
  z
    .strictObject({
      /** Only these (empty: all). @default [] */
      include: z.array(z.string()).default([]).describe('Only these (empty: all).'),
      /** Never these. Wins over include. @default [] */
      exclude: z.array(z.string()).default([]).describe('Never these. Wins over include.'),
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
      .prefault({})
      .describe('What may be touched at all.'),
    /** Resources no monkey may act on, whatever else the config says. */
    protected: z
      .strictObject({
        /**
         * Namespaces never touched, besides the system ones, which are always protected: a list
         * (even `[]`) adds to them and never unprotects kube-system.
         * @default ["kube-system","kube-public","kube-node-lease","simian-system"]
         */
        namespaces: z
          .array(z.string().min(1))
          .default([])
          .transform((listed) => [...new Set([...DEFAULT_PROTECTED_NAMESPACES, ...listed])])
          .describe(
            'Namespaces never touched, besides kube-system, kube-public, kube-node-lease and simian-system, which are always protected (a list adds to them; `[]` unprotects nothing).',
          ),
        /** A resource carrying any of these label/tag key=value pairs is protected. */
        labels: z
          .record(z.string(), z.string())
          .default({ 'simian.dev/protected': 'true' })
          .describe('A resource carrying any of these label/tag key=value pairs is protected.'),
        /** Exact refs (k8s:ctx/ns/Kind/name or ARNs). */
        refs: z
          .array(z.string())
          .default([])
          .describe('Exact refs (k8s:ctx/ns/Kind/name or ARNs).'),
      })
      .prefault({})
      .describe('Resources no monkey may act on, whatever else the config says.'),
    /** A resource with this label/tag set to "true" is never acted on. @default "simian.dev/opt-out" */
    optOutLabel: z
      .string()
      .default('simian.dev/opt-out')
      .describe('A resource with this label/tag set to "true" is never acted on.'),
    blastRadius: z
      .strictObject({
        /** At most this many destructive actions in one run, over all monkeys. @default 5 */
        maxActionsPerRun: z
          .int()
          .min(0)
          .default(5)
          .describe('At most this many destructive actions in one run, over all monkeys.'),
        /** At most this share (0-1) of one group's members acted on in one run. @default 0.5 */
        maxGroupShare: z
          .number()
          .gt(0)
          .max(1)
          .default(0.5)
          .describe("At most this share (0-1) of one group's members acted on in one run."),
        /** A group must keep at least this many healthy members. @default 1 */
        minHealthy: z
          .int()
          .min(0)
          .default(1)
          .describe('A group must keep at least this many healthy members.'),
      })
      .prefault({})
      .describe('How much one run may disturb.'),
    killSwitch: z
      .strictObject({
        /** Engaged when this environment variable is set to anything but "" / "0" / "false". */
        env: z
          .string()
          .regex(
            /^[A-Za-z_][A-Za-z0-9_]*$/,
            'must be the name of an environment variable (letters, digits, _): an empty name is a kill switch nobody can engage',
          )
          .default('SIMIAN_KILL_SWITCH')
          .describe(
            'Engaged when this environment variable is set to anything but "" / "0" / "false".',
          ),
        /** Engaged while this file exists. */
        file: z
          .string()
          .trim()
          .min(1, 'must name a file: an empty path is a kill switch nobody can engage')
          .default('.simian/KILL')
          .describe('Engaged while this file exists.'),
      })
      .prefault({})
      .describe(
        'Stops every action but fault removal, checked before each action. Providers add their own (a ConfigMap, a tag).',
      ),
    /** The longest a fault may stay before it must be gone. @default "1h" */
    maxFaultDuration: durationSchema
      .prefault('1h')
      .describe(
        'The longest a fault (latency, a deny policy) may stay: an injection whose deadline is further away is held back. The expiry is written on the object, so the reaper removes it even if Simian dies.',
      ),
    /** `simian apply` refuses a plan file older than this. @default "1h" */
    planMaxAge: durationSchema
      .prefault('1h')
      .describe('`simian apply` refuses a plan file older than this.'),
  })
  .describe('The safety gate: what may be touched, how much, and when.');

export type SafetyConfig = z.output<typeof safetySchema>;

/** Per-monkey overrides of the global safety settings. */
export const monkeySafetySchema = z
  .strictObject({
    /** Require this label/tag (value "true") on a resource before acting on it. */
    optInLabel: z
      .string()
      .optional()
      .describe('Require this label/tag (value "true") on a resource before acting on it.'),
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
