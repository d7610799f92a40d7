import {
  announceLifecycleEvents,
  isDestructive,
  type Action,
  type ActionOutcome,
  type ApplyContext,
  type GatedPlan,
} from '@simian/core';
import type { JanitorConfig } from './config.js';
import { janitorEvents } from './events.js';
import { recheckJanitor } from './recheck.js';

/** Whether an action is a step of a removal (not the lifecycle's marks or the bookkeeping). */
const isStep = (a: Action) =>
  a.id.split(':')[1] !== 'mark' && a.verb !== 'unmark' && !a.id.includes(':first-seen:');

/**
 * Runs the gated actions in order through the executor, one resource's removal steps as a chain:
 * when a step does not succeed (the snapshot failed, the gate or the re-check held it back), the
 * steps after it on that resource are skipped, so a volume is never deleted without its snapshot.
 * A step that is no destruction of its own (the snapshot) is re-checked here first; the executor
 * re-checks the destructive ones. Then the events go to the log and the reporters.
 */
export async function applyJanitor(
  ctx: ApplyContext<JanitorConfig>,
  gated: GatedPlan,
): Promise<ActionOutcome[]> {
  const outcomes: ActionOutcome[] = [];
  const broken = new Map<string, string>();
  for (const action of gated.allowed) {
    const group = action.group ?? action.resource.ref;
    const why = broken.get(group);
    if (why && isStep(action)) {
      outcomes.push(
        skipped(action, `an earlier step on ${action.resource.name} did not succeed (${why})`),
      );
      continue;
    }
    if (isStep(action) && !isDestructive(action.verb) && action.verb !== 'mark') {
      const fresh = await ctx.inventory
        .provider(action.resource.provider)
        .read(action.resource.ref, { signal: ctx.signal });
      const ok = fresh
        ? await recheckJanitor(ctx, action, fresh)
        : { ok: false as const, reason: 'the resource is gone' };
      if (!ok.ok) {
        const o = skipped(action, `no longer applies: ${ok.reason}`);
        outcomes.push(o);
        broken.set(group, `${action.verb}: ${o.reason ?? ''}`);
        continue;
      }
    }
    const o = await ctx.executor.execute(action);
    outcomes.push(o);
    if (isStep(action) && o.status !== 'succeeded' && o.status !== 'dry-run') {
      broken.set(group, `${action.verb}: ${o.status}${o.reason ? `, ${o.reason}` : ''}`);
    }
  }
  await announceLifecycleEvents(ctx, janitorEvents(outcomes, { dryRun: ctx.dryRun }));
  return outcomes;
}

function skipped(action: Action, reason: string): ActionOutcome {
  const at = new Date().toISOString();
  return { action, status: 'skipped', reason, startedAt: at, endedAt: at };
}
