import { SimianError } from '@simian/core';
import { z } from 'zod';

/**
 * Experiment journals as Chaos Toolkit writes them (`chaos run --journal-path`) and as Simian
 * writes them (the same structure and keys, `chaoslib-version: simian-...`). Only what reports read
 * is checked; the rest passes through.
 */
const activitySchema = z.looseObject({
  type: z.string().optional(),
  name: z.string().optional(),
  provider: z.looseObject({ type: z.string().optional() }).optional(),
});

const activityRunSchema = z.looseObject({
  activity: activitySchema,
  output: z.unknown().optional(),
  start: z.string().optional(),
  end: z.string().optional(),
  duration: z.number().optional(),
  status: z.string().optional(),
  exception: z.union([z.array(z.string()), z.string()]).optional(),
  tolerance_met: z.boolean().optional(),
});

const steadyStateSchema = z
  .looseObject({
    steady_state_met: z.boolean().nullable().optional(),
    probes: z.array(activityRunSchema).default([]),
  })
  .nullable()
  .optional();

const journalSchema = z.looseObject({
  'chaoslib-version': z.string().optional(),
  experiment: z.looseObject({
    title: z.string(),
    description: z.string().optional(),
    tags: z.array(z.string()).optional(),
    'steady-state-hypothesis': z.looseObject({ title: z.string().optional() }).optional(),
  }),
  start: z.string().optional(),
  end: z.string().optional(),
  duration: z.number().optional(),
  status: z.string().nullable().optional(),
  deviated: z.boolean().optional(),
  steady_states: z
    .looseObject({
      before: steadyStateSchema,
      after: steadyStateSchema,
      during: z.array(steadyStateSchema).optional(),
    })
    .optional(),
  run: z.array(activityRunSchema).default([]),
  rollbacks: z.array(activityRunSchema).default([]),
});

/** One activity as it ran, as reports show it. */
export interface JournalActivity {
  name: string;
  /** `action` or `probe`. */
  type: string;
  /** `http`, `process`, `python`, ... */
  provider: string;
  status: string;
  start?: string;
  end?: string;
  /** Seconds. */
  duration?: number;
  output?: unknown;
  exception?: string[];
  toleranceMet?: boolean;
}

/** Latency percentiles found in an activity's output (a load test's). */
export interface LatencyPercentiles {
  /** The activity that measured them. */
  activity: string;
  unit: string;
  /** `p50` -> value, in ascending order of the percentile. */
  values: Array<{ percentile: string; value: number }>;
}

/** One experiment run, read from its journal. */
export interface ExperimentJournalView {
  file: string;
  /** `simian` or `chaostoolkit`, from `chaoslib-version`. */
  producer: string;
  producerVersion: string;
  title: string;
  description?: string;
  tags: string[];
  status: string;
  deviated: boolean;
  /** passed, deviated, steady-state-not-met-before, failed, aborted, interrupted. */
  outcome: string;
  start?: string;
  end?: string;
  duration?: number;
  hypothesis: {
    title: string;
    before: { met: boolean | null; probes: JournalActivity[] } | null;
    after: { met: boolean | null; probes: JournalActivity[] } | null;
  };
  method: JournalActivity[];
  rollbacks: JournalActivity[];
  latency: LatencyPercentiles[];
}

/** The `journals` kind: `simian report journals FILE...`. */
export interface JournalsReport {
  title: string;
  generatedAt: string;
  journals: ExperimentJournalView[];
}

/** Reads one journal's JSON text; an error names the file and the field. */
export function parseJournal(file: string, text: string): ExperimentJournalView {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    throw new SimianError('INPUT_INVALID', `${file} is not JSON: ${(e as Error).message}`);
  }
  const parsed = journalSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new SimianError(
      'INPUT_INVALID',
      `${file} is not an experiment journal: ${issue.path.join('.') || '(top)'}: ${issue.message}`,
      {
        hint: 'give the file `chaos run --journal-path` or `simian experiment run --journal-path` wrote',
      },
    );
  }
  const j = parsed.data;
  const version = j['chaoslib-version'] ?? 'unknown';
  const activity = (run: z.output<typeof activityRunSchema>): JournalActivity => ({
    name: run.activity.name ?? '(unnamed)',
    type: run.activity.type ?? 'activity',
    provider: run.activity.provider?.type ?? 'unknown',
    status: run.status ?? 'unknown',
    ...(run.start === undefined ? {} : { start: run.start }),
    ...(run.end === undefined ? {} : { end: run.end }),
    ...(run.duration === undefined ? {} : { duration: run.duration }),
    ...(run.output === undefined ? {} : { output: run.output }),
    ...(run.exception === undefined
      ? {}
      : { exception: Array.isArray(run.exception) ? run.exception : [run.exception] }),
    ...(run.tolerance_met === undefined ? {} : { toleranceMet: run.tolerance_met }),
  });
  const state = (s: z.output<typeof steadyStateSchema>) =>
    s ? { met: s.steady_state_met ?? null, probes: s.probes.map(activity) } : null;
  const method = j.run.map(activity);
  const before = state(j.steady_states?.before);
  const view: ExperimentJournalView = {
    file,
    producer: version.startsWith('simian') ? 'simian' : 'chaostoolkit',
    producerVersion: version,
    title: j.experiment.title,
    tags: j.experiment.tags ?? [],
    status: j.status ?? 'unknown',
    deviated: j.deviated ?? false,
    outcome: outcomeOf(j.status ?? null, j.deviated ?? false, before?.met ?? null),
    hypothesis: {
      title: j.experiment['steady-state-hypothesis']?.title ?? '(no steady-state hypothesis)',
      before,
      after: state(j.steady_states?.after),
    },
    method,
    rollbacks: j.rollbacks.map(activity),
    latency: [...method, ...(before?.probes ?? [])].flatMap((a) => latencyOf(a)),
  };
  if (j.experiment.description !== undefined) view.description = j.experiment.description;
  if (j.start !== undefined) view.start = j.start;
  if (j.end !== undefined) view.end = j.end;
  if (j.duration !== undefined) view.duration = j.duration;
  return view;
}

/** As `simian experiment run` words it: Chaos Toolkit's `completed` hides a failed hypothesis. */
function outcomeOf(status: string | null, deviated: boolean, before: boolean | null): string {
  if (status === 'interrupted' || status === 'aborted' || status === 'failed') return status;
  if (deviated) return 'deviated';
  if (before === false) return 'steady-state-not-met-before';
  return status === 'completed' ? 'passed' : (status ?? 'unknown');
}

/**
 * Percentiles in an activity's output: any object with two or more numeric `pNN` keys (a load
 * test's `{ p50, p95, p99 }`, autocannon's `latency`, Simian's latency probe), searched a few
 * levels deep. `unit` next to them names the unit; milliseconds otherwise.
 */
export function latencyOf(a: JournalActivity): LatencyPercentiles[] {
  const found: LatencyPercentiles[] = [];
  const visit = (value: unknown, path: string, depth: number) => {
    if (depth > 4 || typeof value !== 'object' || value === null) return;
    if (Array.isArray(value)) return;
    const record = value as Record<string, unknown>;
    const values = Object.entries(record)
      .filter(
        ([k, v]) =>
          /^p\d{1,2}(\.\d+)?$|^p100$/.test(k) && typeof v === 'number' && Number.isFinite(v),
      )
      .map(([k, v]) => ({ percentile: k, value: v as number }))
      .sort((x, y) => Number(x.percentile.slice(1)) - Number(y.percentile.slice(1)));
    if (values.length >= 2) {
      const unit = typeof record['unit'] === 'string' ? record['unit'] : 'ms';
      found.push({ activity: path ? `${a.name} (${path})` : a.name, unit, values });
      return;
    }
    for (const [k, v] of Object.entries(record)) visit(v, path ? `${path}.${k}` : k, depth + 1);
  };
  visit(a.output, '', 0);
  return found;
}
