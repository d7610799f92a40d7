import type { ActionOutcome, ApplyContext, GatedPlan } from '@simian/core';
import type { ConformityConfig } from './config.js';
import { notifyStackEvents } from './notify.js';
import { stackEvents } from './stack-events.js';

/**
 * Runs the gated actions one by one through the executor (which re-reads each resource and calls
 * the re-check before a teardown step), then tells the owners what happened to their stacks.
 */
export async function applyConformity(
  ctx: ApplyContext<ConformityConfig>,
  gated: GatedPlan,
): Promise<ActionOutcome[]> {
  const outcomes: ActionOutcome[] = [];
  // After an abort the executor records each remaining action as interrupted, untouched.
  for (const action of gated.allowed) outcomes.push(await ctx.executor.execute(action));
  const events = stackEvents(outcomes, {
    runId: ctx.runId,
    dryRun: ctx.dryRun,
    ownerLabel: ctx.global.inventory.ownerLabel,
  });
  await notifyStackEvents(events, {
    logger: ctx.logger,
    webhookUrl: ctx.config.notify.webhookUrl,
    timeoutMs: ctx.config.notify.timeout,
    dryRun: ctx.dryRun,
  });
  return outcomes;
}
