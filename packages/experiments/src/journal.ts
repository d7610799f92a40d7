import { writeFileSync } from 'node:fs';
import { hostname, machine, release, type } from 'node:os';
import type { Activity, Experiment } from './schema.js';

/**
 * The run journal, in Chaos Toolkit's structure and key names (chaoslib `initialize_run_journal`
 * and `execute_activity`), so tools that read Chaos Toolkit journals read Simian's.
 */

/** Stands where chaoslib writes its own version, so a reader can tell who ran the experiment. */
export const SIMIAN_JOURNAL_VERSION = 'simian-0.1.0';

/**
 * `completed`: the run went to its end (the steady state may still have deviated: see `deviated`).
 * `failed`: a steady-state probe could not run. `aborted`: the runner met an unexpected error.
 * `interrupted`: a signal (SIGINT, SIGTERM) or the caller's AbortSignal stopped it.
 */
export type JournalStatus = 'completed' | 'failed' | 'aborted' | 'interrupted';

/** One activity as it ran. */
export interface ActivityRun {
  /** The activity as written (a `ref` is shown resolved), before `${}` substitution. */
  activity: Activity;
  /** The provider's output: `{status, headers, body}` for http, `{status, stdout, stderr}` for process. */
  output: unknown;
  start: string;
  status?: 'succeeded' | 'failed';
  /** Set when the activity failed: the error, one line per entry. */
  exception?: string[];
  end?: string;
  /** Seconds. */
  duration?: number;
  /** Steady-state probes only. */
  tolerance_met?: boolean;
}

/** The result of checking the steady-state hypothesis once. */
export interface SteadyState {
  steady_state_met: boolean | null;
  probes: ActivityRun[];
}

export interface ExperimentJournal {
  'chaoslib-version': string;
  platform: string;
  node: string;
  experiment: Experiment & { dry?: string | null };
  start: string;
  /** Null only while the run is under way. */
  status: JournalStatus | null;
  deviated: boolean;
  steady_states: {
    before: SteadyState | null;
    after: SteadyState | null;
    during: SteadyState[];
  };
  run: ActivityRun[];
  rollbacks: ActivityRun[];
  end?: string;
  /** Seconds. */
  duration?: number;
}

export function initializeJournal(
  experiment: Experiment,
  dry: string | null,
  now = new Date(),
): ExperimentJournal {
  return {
    'chaoslib-version': SIMIAN_JOURNAL_VERSION,
    platform: `${type()}-${release()}-${machine()}`,
    node: hostname(),
    experiment: { ...structuredClone(experiment), dry },
    start: now.toISOString(),
    status: null,
    deviated: false,
    steady_states: { before: null, after: null, during: [] },
    run: [],
    rollbacks: [],
  };
}

/**
 * What a run came to, in words a person or a script can act on. Chaos Toolkit's own status says
 * `completed` both for a run that passed and for one whose steady state was not met before the
 * method (which then never ran): this tells them apart.
 */
export type ExperimentOutcome =
  | 'passed'
  | 'deviated'
  | 'steady-state-not-met-before'
  | 'no-action-succeeded'
  | 'failed'
  | 'aborted'
  | 'interrupted';

export function experimentOutcome(journal: ExperimentJournal): ExperimentOutcome {
  if (journal.status === 'interrupted' || journal.status === 'aborted') return journal.status;
  if (journal.status === 'failed') return 'failed';
  if (journal.deviated) return 'deviated';
  if (journal.steady_states.before?.steady_state_met === false) {
    return 'steady-state-not-met-before';
  }
  // chaoslib goes on after a failed action and still says "completed"; but a method whose every
  // action failed (no pod matched, the target refused us) disturbed nothing, so it tested nothing.
  const actions = journal.run.filter((r) => r.activity.type === 'action');
  if (actions.length > 0 && actions.every((r) => r.status !== 'succeeded')) {
    return 'no-action-succeeded';
  }
  return 'passed';
}

/**
 * The process exit code for `simian experiment run`: 0 only when the experiment passed. Chaos
 * Toolkit exits 1 when the run deviated or did not complete, but 0 when the steady state was not
 * met before the method; Simian exits 1 there too, since nothing was tested, and when no action of
 * the method succeeded (each failed: no target matched, the API refused us).
 */
export function experimentExitCode(journal: ExperimentJournal): 0 | 1 {
  return experimentOutcome(journal) === 'passed' ? 0 : 1;
}

/** Writes the journal as Chaos Toolkit does (`chaos run --journal-path`): JSON, indented by 2. */
export function writeJournalFile(path: string, journal: ExperimentJournal): void {
  writeFileSync(path, `${JSON.stringify(journal, null, 2)}\n`);
}
