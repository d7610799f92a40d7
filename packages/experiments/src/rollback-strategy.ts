import type { ExperimentJournal } from './journal.js';
import type { RollbackStrategy } from './schema.js';

/**
 * Whether the rollbacks run, and why, in words for the log.
 *
 * Chaos Toolkit's rules (chaoslib `run_rollback`), which Simian keeps:
 * - `always`: they run. `never`: they do not.
 * - `default`: they run unless the run `failed` (a steady-state probe could not run) or was
 *   `interrupted`. A run that deviated, or whose steady state was not met before the method, has
 *   status `completed`, so its rollbacks do run.
 * - `deviated`: they run only when the steady state deviated after the method.
 *
 * Simian's one difference: an interrupted run (SIGINT, SIGTERM, an aborted signal) always runs
 * its rollbacks unless the strategy is `never`, because a fault left in place is the failure Simian
 * exists to prevent. Chaos Toolkit skips them under `default` and `deviated`.
 */
export function rollbackDecision(
  strategy: RollbackStrategy,
  journal: Pick<ExperimentJournal, 'status' | 'deviated'>,
): { run: boolean; reason: string } {
  if (strategy === 'never') return { run: false, reason: 'the rollback strategy is "never"' };
  if (journal.status === 'interrupted') {
    return {
      run: true,
      reason:
        'the run was interrupted: Simian rolls back interrupted runs unless the strategy is "never"',
    };
  }
  if (strategy === 'always') return { run: true, reason: 'the rollback strategy is "always"' };
  if (strategy === 'deviated') {
    return journal.deviated
      ? { run: true, reason: 'the steady state deviated and the strategy is "deviated"' }
      : { run: false, reason: 'the strategy is "deviated" and the steady state did not deviate' };
  }
  return journal.status === 'failed'
    ? {
        run: false,
        reason:
          'the run failed and the "default" strategy (as in Chaos Toolkit) skips rollbacks then; pass --rollback-strategy always to run them',
      }
    : { run: true, reason: 'the "default" strategy runs rollbacks when the run did not fail' };
}
