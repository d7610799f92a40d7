import type { DomainEvent } from './events.js';
import type { ActionOutcome, GatedPlan, RunResult } from './types.js';

/**
 * Optional async hooks that see a run as it happens (Vitest's Reporter). A new sink (Slack, S3,
 * Prometheus) is a new reporter; core never changes for it. A reporter that throws is logged and
 * ignored: reporting never stops a run.
 */
export interface Reporter {
  readonly name: string;
  onRunStart?(run: { runId: string; dryRun: boolean; monkeys: string[] }): Promise<void> | void;
  onPlan?(plan: GatedPlan): Promise<void> | void;
  onAction?(outcome: ActionOutcome): Promise<void> | void;
  /** A domain event a monkey or the engine emitted (marked, torn down, fault injected, ...). */
  onEvent?(event: DomainEvent): Promise<void> | void;
  onRunEnd?(result: RunResult): Promise<void> | void;
}
