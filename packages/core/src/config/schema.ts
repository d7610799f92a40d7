import { z } from 'zod';
import type { Registry } from '../registry.js';
import { scheduleSchema } from '../schedule/schema.js';
import { monkeySafetySchema, safetySchema } from '../safety/schema.js';
import { durationSchema } from './duration.js';
import { reportingSchema } from './reporting-schema.js';

/** Fields every monkey has under `monkeys.<name>`, merged with the monkey's own schema. */
export const monkeyBaseShape = {
  /** @default false */
  enabled: z
    .boolean()
    .default(false)
    .describe('Whether `simian run` and the daemon run this monkey.'),
  /** Overrides the global dry-run for this monkey. Destructive monkeys default to true. */
  dryRun: z
    .boolean()
    .optional()
    .describe('Overrides the global dry-run for this monkey. Destructive monkeys default to true.'),
  schedule: scheduleSchema.prefault({}),
  safety: monkeySafetySchema.describe(
    'Per-monkey safety overrides: opt-in label, scope, a smaller blast radius.',
  ),
};

export const storeSchema = z
  .strictObject({
    /** SQLite file, relative to simian.yaml. @default ".simian/simian.db" */
    path: z.string().default('.simian/simian.db').describe('SQLite file, relative to simian.yaml.'),
    /** Runs, ledger entries and findings older than this are pruned at the start of a run. @default "90d" */
    retention: durationSchema
      .prefault('90d')
      .describe(
        'Runs, ledger entries and findings older than this are pruned at the start of a run.',
      ),
  })
  .prefault({});

export const logSchema = z
  .strictObject({
    /** @default "info" */
    level: z
      .enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'])
      .default('info')
      .describe('Least severe level written.'),
    /** @default "auto" (pretty on a terminal, JSON elsewhere) */
    format: z
      .enum(['json', 'pretty', 'auto'])
      .default('auto')
      .describe('json for machines, pretty for people, auto: pretty on a terminal.'),
  })
  .prefault({});

export const inventorySchema = z
  .strictObject({
    /** Label (Kubernetes) or tag (AWS) that names a resource's owner. @default "owner" */
    ownerLabel: z
      .string()
      .default('owner')
      .describe("Label (Kubernetes) or tag (AWS) that names a resource's owner."),
    /** Items per page when listing. @default 500 */
    pageSize: z.int().min(1).max(10_000).default(500).describe('Items per page when listing.'),
    /** Concurrent requests per provider. @default 8 */
    concurrency: z.int().min(1).max(64).default(8).describe('Concurrent requests per provider.'),
  })
  .prefault({});

/**
 * The schema of simian.yaml for the monkeys and providers in `registry`: core's own sections plus
 * `targets.<provider>` and `monkeys.<monkey>` from each registered item.
 */
export function buildConfigSchema(registry: Registry) {
  const targets: Record<string, z.ZodType> = {};
  for (const p of registry.providers()) targets[p.name] = p.targetSchema.optional();
  const monkeys: Record<string, z.ZodType> = {};
  for (const m of registry.monkeys()) {
    monkeys[m.name] = z
      .strictObject({ ...monkeyBaseShape, ...m.configSchema.shape })
      .describe(m.description)
      .optional();
  }
  return z
    .strictObject({
      /** Config format version. */
      version: z.literal(1).describe('Config format version.'),
      /**
       * Global dry-run. `true` forces every monkey into dry-run; `false` lets each monkey's own
       * setting (or its default: dry-run for destructive monkeys) decide.
       */
      dryRun: z
        .boolean()
        .optional()
        .describe(
          'Global dry-run. true forces every monkey into dry-run; false lets each monkey decide (destructive monkeys default to dry-run).',
        ),
      store: storeSchema.describe(
        'The SQLite store: runs, action ledger, findings history, journals.',
      ),
      log: logSchema.describe('Logs go to stderr; stdout is kept for results.'),
      inventory: inventorySchema.describe('How providers list resources.'),
      safety: safetySchema.prefault({}),
      reporting: reportingSchema.describe(
        'Where events and reports go besides the command output: webhooks, Slack, owner notices, files, S3, report objects in the cluster, Prometheus metrics; and findings muted in every report.',
      ),
      targets: z
        .strictObject(targets)
        .prefault({})
        .describe('Where the monkeys look: Kubernetes contexts and AWS regions.'),
      monkeys: z.strictObject(monkeys).prefault({}).describe('One section per monkey.'),
    })
    .describe('simian.yaml: one file for every monkey.');
}

export type SimianConfigSchema = ReturnType<typeof buildConfigSchema>;

/** The parsed config, with monkey and target sections as loosely typed records. */
export interface SimianConfig {
  version: 1;
  dryRun?: boolean;
  store: z.output<typeof storeSchema>;
  log: z.output<typeof logSchema>;
  inventory: z.output<typeof inventorySchema>;
  safety: z.output<typeof safetySchema>;
  reporting: z.output<typeof reportingSchema>;
  targets: Record<string, unknown>;
  monkeys: Record<string, Record<string, unknown> | undefined>;
  /** Where the file was read from; relative paths in it are relative to its directory. */
  source: { file: string; dir: string; secrets: string[] };
}

/** JSON Schema of simian.yaml, for editors (`simian schema`). */
export function configJsonSchema(registry: Registry): unknown {
  return z.toJSONSchema(buildConfigSchema(registry), { io: 'input', unrepresentable: 'any' });
}
