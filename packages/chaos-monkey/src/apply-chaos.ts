import type { Action, ActionOutcome, GatedPlan } from '@simian/core';
import {
  beforeKill,
  measureRecovery,
  type ChaosApplyContext,
} from './recovery/measure-recovery.js';
import type { Recovery } from './recovery/recovery.js';

/**
 * Carries out the gated kills through the gate's executor. Kills in one group happen one at a
 * time, each followed by the wait for recovery, so the next kill's re-check sees a recovered
 * group (or a degraded one, and is skipped). Different groups proceed side by side.
 */
export async function applyChaos(
  ctx: ChaosApplyContext,
  gated: GatedPlan,
): Promise<ActionOutcome[]> {
  const byGroup = new Map<string, Action[]>();
  for (const action of gated.allowed) {
    const key = action.group ?? action.id;
    byGroup.set(key, [...(byGroup.get(key) ?? []), action]);
  }
  const outcomes = new Map<Action, ActionOutcome>();
  await Promise.all(
    [...byGroup.values()].map(async (actions) => {
      for (const action of actions) outcomes.set(action, await killAndMeasure(ctx, action, gated));
    }),
  );
  return gated.allowed.map((a) => outcomes.get(a)!);
}

async function killAndMeasure(
  ctx: ChaosApplyContext,
  action: Action,
  gated: GatedPlan,
): Promise<ActionOutcome> {
  const before = await beforeKill(ctx, action);
  const outcome = await ctx.executor.execute(action);
  if (!killedSomething(ctx, outcome)) return outcome;
  const recovery = await measureRecovery(ctx, action, gated, before);
  attachRecovery(outcome, recovery);
  // Kept in the store too (recovery per workload over time) and added to the ledger row.
  ctx.recordRecovery?.(outcome, {
    recovered: recovery.recovered,
    recoverySeconds: recovery.recoverySeconds,
    timeoutSeconds: recovery.recoveryTimeoutSeconds,
    ...(recovery.recoveryDetail ? { detail: recovery.recoveryDetail } : {}),
  });
  ctx.logger.info(
    { action: action.id, group: action.group, ...recovery },
    recovery.recovered
      ? `${action.group} recovered in ${recovery.recoverySeconds}s`
      : `${action.group} did not recover: ${recovery.recoveryDetail}`,
  );
  return outcome;
}

/** Whether the kill happened for real, so there is a recovery to wait for. */
function killedSomething(ctx: ChaosApplyContext, outcome: ActionOutcome): boolean {
  if (ctx.dryRun || !ctx.config.recovery.wait || outcome.status !== 'succeeded') return false;
  // The provider found the victim already gone: nothing of ours to recover from.
  return outcome.output?.alreadyGone !== true;
}

/** Puts the recovery figures on the outcome, which `apply` returns as the run's record. */
function attachRecovery(outcome: ActionOutcome, recovery: Recovery): void {
  outcome.output = { ...outcome.output, ...recovery };
}
