import { z } from 'zod';

/**
 * The Chaos Toolkit experiment format, as chaoslib 1.44 validates it (`ensure_experiment_is_valid`,
 * `ensure_activity_is_valid`, `ensure_hypothesis_tolerance_is_valid`). Lenient where Chaos Toolkit
 * is lenient, so published experiments load: unknown keys (`tags`, `contributions`, `extensions`,
 * `version`, ...) are accepted and kept. Provider details (`url`, `path`, `module`/`func`) are
 * checked by each provider type in the activity registry, not here.
 */

/** How rollbacks are decided at the end of a run. See docs/experiments.md. */
export const ROLLBACK_STRATEGIES = ['default', 'always', 'never', 'deviated'] as const;
export type RollbackStrategy = (typeof ROLLBACK_STRATEGIES)[number];

/** The provider types Chaos Toolkit knows; any other is invalid in its format too. */
export const PROVIDER_TYPES = ['http', 'process', 'python'] as const;
export type ProviderTypeName = (typeof PROVIDER_TYPES)[number];

/**
 * Picks the schema from the value's shape, so an error is reported against the one alternative the
 * author meant instead of as zod's "none of the union matched".
 */
function dispatch<T>(pick: (value: unknown) => z.ZodType<T> | string): z.ZodType<T> {
  return z.unknown().transform((value, ctx) => {
    const schema = pick(value);
    if (typeof schema === 'string') {
      ctx.addIssue({ code: 'custom', message: schema, input: value });
      return z.NEVER;
    }
    const parsed = schema.safeParse(value, { reportInput: true });
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues) ctx.addIssue({ ...issue });
    return z.NEVER;
  }) as unknown as z.ZodType<T>;
}

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** A `${name}` placeholder, which Chaos Toolkit accepts where a number of seconds is expected. */
const placeholderSchema = z
  .string()
  .regex(
    /^\$\{[^}]+\}$/,
    'must be a number of seconds or a ${name} from the configuration or secrets',
  );
const secondsSchema = z.union([z.number().nonnegative(), placeholderSchema]);

export const pausesSchema = z.looseObject({
  /** Seconds to wait before the activity starts. */
  before: secondsSchema.optional(),
  /** Seconds to wait after the activity ended. */
  after: secondsSchema.optional(),
});

/**
 * A Chaos Toolkit control: Python hooks around the run (`{name, provider: {type, module}}`), or a
 * `{ref: name}` to a control declared at the experiment level. What Simian does with each is
 * decided in controls.ts; the format is chaoslib's `validate_controls`.
 */
export const controlSchema = dispatch<Record<string, unknown>>((value) => {
  if (!isRecord(value)) return 'a control must be a mapping';
  if ('ref' in value) return z.looseObject({ ref: z.string().min(1) });
  return z.looseObject({
    name: z.string({ error: 'a control must have a name' }).min(1, 'a control must have a name'),
    provider: z.looseObject({
      type: z.string({ error: 'a control provider must have a type' }),
      module: z.string().optional(),
    }),
    scope: z.enum(['before', 'after']).optional(),
  });
});

/** The provider block; each provider type checks its own keys (see the activity registry). */
export const activityProviderSchema = z.looseObject({
  type: z.enum(PROVIDER_TYPES, {
    error: 'provider.type must be one of "http", "process", "python"',
  }),
});
export type ActivityProvider = z.output<typeof activityProviderSchema>;

const activityShape = {
  type: z.enum(['probe', 'action'], { error: 'activity type must be "probe" or "action"' }),
  name: z.string().min(1, 'an activity must have a name'),
  provider: activityProviderSchema,
  pauses: pausesSchema.optional(),
  /** Runs beside the following activities; awaited at the end of the method. */
  background: z.boolean().optional(),
  /**
   * Seconds. Chaos Toolkit validates this key but never enforces it; Simian fails the activity
   * when it takes longer (documented in docs/experiments.md).
   */
  timeout: z.number().positive().optional(),
  /** Chaos Toolkit's per-activity dry mode. */
  dry: z.enum(['probes', 'actions', 'activities', 'pause']).nullable().optional(),
  controls: z.array(controlSchema).optional(),
};

/** A probe used as a tolerance: it receives the checked value as its `value` argument. */
const probeToleranceSchema = z.looseObject({ ...activityShape, type: z.literal('probe') });

const regexToleranceSchema = z.looseObject({
  type: z.literal('regex'),
  pattern: z.string(),
  target: z.string().optional(),
});

const jsonpathToleranceSchema = z.looseObject({
  type: z.literal('jsonpath'),
  path: z.string().trim().min(1, 'the JSONPath cannot be empty'),
  /** When present (even null), the matched values must equal it (or `[it]` if not a list). */
  expect: z.unknown().optional(),
  target: z.string().optional(),
  /** The number of matches required. */
  count: z.number().int().nonnegative().optional(),
});

const rangeToleranceSchema = z.looseObject({
  type: z.literal('range'),
  range: z.tuple([z.number(), z.number()], {
    error: 'range must be a sequence of two numbers',
  }),
  target: z.string().optional(),
});

const objectToleranceSchema = z.discriminatedUnion(
  'type',
  [regexToleranceSchema, jsonpathToleranceSchema, rangeToleranceSchema, probeToleranceSchema],
  { error: 'tolerance type must be one of "regex", "jsonpath", "range", "probe"' },
);

/**
 * What a steady-state probe's output must be: an exact value (boolean, number, string), a list (a
 * `[low, high]` range, or the allowed values; against an output with a `status` the list is the
 * allowed statuses), or a regex, JSONPath, range or probe check.
 */
export const toleranceSchema = dispatch<Tolerance>((value) => {
  if (['boolean', 'number', 'string'].includes(typeof value)) {
    return z.unknown() as z.ZodType<Tolerance>;
  }
  if (Array.isArray(value)) return z.array(z.unknown());
  if (isRecord(value)) return objectToleranceSchema;
  if (value === undefined) return 'a steady-state probe must have a tolerance';
  return 'a tolerance must be a boolean, a number, a string, a list or a mapping with a type';
});

export type RegexTolerance = z.output<typeof regexToleranceSchema>;
export type JsonPathTolerance = z.output<typeof jsonpathToleranceSchema>;
export type RangeTolerance = z.output<typeof rangeToleranceSchema>;
export type ProbeTolerance = z.output<typeof probeToleranceSchema>;
export type Tolerance =
  | boolean
  | number
  | string
  | unknown[]
  | RegexTolerance
  | JsonPathTolerance
  | RangeTolerance
  | ProbeTolerance;

export const activitySchema = z.looseObject({
  ...activityShape,
  /** Only meaningful on steady-state probes. */
  tolerance: toleranceSchema.optional(),
});
export type Activity = z.output<typeof activitySchema>;

/** `{ ref: name }` re-runs an activity declared elsewhere in the experiment, by name. */
export const activityRefSchema = z.looseObject({
  ref: z.string().min(1, 'a reference to an activity must be a non-empty string'),
});
export type ActivityRef = z.output<typeof activityRefSchema>;

export const methodItemSchema = dispatch<Activity | ActivityRef>((value) => {
  if (!isRecord(value)) return 'an activity must be a mapping';
  return 'ref' in value ? activityRefSchema : activitySchema;
});
export type MethodItem = Activity | ActivityRef;

export function isActivityRef<T extends MethodItem | HypothesisProbe>(
  item: T,
): item is Extract<T, { ref: string }> {
  return 'ref' in item && typeof item.ref === 'string';
}

/** A steady-state probe declared in place: an activity with its tolerance. */
export const hypothesisActivitySchema = activitySchema.extend({ tolerance: toleranceSchema });

/**
 * `{ref: name, tolerance}` in the hypothesis: runs an activity declared elsewhere (in the method or
 * the hypothesis) and judges its output by this tolerance, as chaoslib does.
 */
export const hypothesisRefSchema = activityRefSchema.extend({
  tolerance: toleranceSchema,
});
export type HypothesisRef = z.output<typeof hypothesisRefSchema>;

export const hypothesisProbeSchema = dispatch<HypothesisProbe>((value) => {
  if (!isRecord(value)) return 'a steady-state probe must be a mapping';
  return 'ref' in value ? hypothesisRefSchema : hypothesisActivitySchema;
});
export type HypothesisProbe = Activity | HypothesisRef;

export const steadyStateHypothesisSchema = z.looseObject({
  title: z.string().min(1, 'the steady-state hypothesis requires a title'),
  probes: z.array(hypothesisProbeSchema).optional(),
  controls: z.array(controlSchema).optional(),
});
export type SteadyStateHypothesis = z.output<typeof steadyStateHypothesisSchema>;

export const experimentSchema = z.looseObject({
  title: z.string().min(1, 'an experiment requires a title'),
  description: z.string().min(1, 'an experiment requires a description'),
  tags: z.array(z.string().min(1, 'experiment tags must be non-empty strings')).optional(),
  /** Values, or `{ type: env, key, default?, env_var_type? }` read from the environment. */
  configuration: z.record(z.string(), z.unknown()).optional(),
  /** Scopes of secrets: `{ scope: { name: value | { type: env, key } } }`. */
  secrets: z.record(z.string(), z.unknown()).optional(),
  'steady-state-hypothesis': steadyStateHypothesisSchema.optional(),
  method: z.array(methodItemSchema, {
    error: 'an experiment requires a method (it may be empty to only check the steady state)',
  }),
  rollbacks: z.array(methodItemSchema).optional(),
  controls: z.array(controlSchema).optional(),
  /** Chaos Toolkit lets an experiment pick its rollback strategy; the command line overrides it. */
  runtime: z
    .looseObject({
      rollbacks: z.looseObject({ strategy: z.enum(ROLLBACK_STRATEGIES).optional() }).optional(),
    })
    .optional(),
});

/** A parsed experiment. Unknown keys are kept as they were written. */
export type Experiment = z.output<typeof experimentSchema>;
