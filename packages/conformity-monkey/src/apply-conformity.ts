import {
  announceLifecycleEvents,
  type ActionOutcome,
  type ApplyContext,
  type GatedPlan,
} from '@simian/core';
import type { ConformityConfig } from './config.js';
import { stackEvents } from './stack-events.js';

/**
 * Runs the gated actions one by one through the executor (which re-reads each resource and calls
 * the re-check before a teardown step), then tells what happened to each stack: in the log, and
 * to the run's reporters (`ctx.emit`), which deliver it to the owners (a webhook, Slack).
 */
export async function applyConformity(
  ctx: ApplyContext<ConformityConfig>,
  gated: GatedPlan,
): Promise<ActionOutcome[]> {
  const outcomes: ActionOutcome[] = [];
  // After an abort the executor records each remaining action as interrupted, untouched.
  for (const action of gated.allowed) outcomes.push(await ctx.executor.execute(action));
  await announceLifecycleEvents(ctx, stackEvents(outcomes, { dryRun: ctx.dryRun }));
  return outcomes;
}
