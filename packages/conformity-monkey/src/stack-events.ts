import {
  lifecycleEvents,
  type ActionOutcome,
  type LifecycleEvent,
  type LifecycleEventSummary,
} from '@simian/core';
import { CONFORMITY_MARKS } from './marks.js';

/**
 * Turns a run's outcomes into one domain event per stack and kind of change (`marked`,
 * `torn-down`, `unmarked`): the lifecycle's events, told in the conformity monkey's words.
 */
export function stackEvents(
  outcomes: readonly ActionOutcome[],
  options: { dryRun: boolean },
): LifecycleEvent[] {
  return lifecycleEvents(outcomes, {
    keys: CONFORMITY_MARKS,
    dryRun: options.dryRun,
    actedType: 'torn-down',
    describe,
  });
}

function describe(e: LifecycleEventSummary): string {
  const who = e.owners.length > 0 ? ` (owner: ${e.owners.join(', ')})` : '';
  const rules = e.rules.join(', ');
  const n = e.count === 1 ? '1 resource' : `${e.count} resources`;
  const prefix = e.dryRun ? '[dry-run] ' : '';
  switch (e.change) {
    case 'marked':
      return `${prefix}Stack ${e.subject}${who} breaks enforced rule(s) ${rules}. ${n} marked; it will be torn down after ${e.deadline ?? 'its deadline'} unless it conforms or is waived by then.`;
    case 'acted':
      return `${prefix}Stack ${e.subject}${who} still broke enforced rule(s) ${rules} after its deadline ${e.deadline ?? ''}: ${n} torn down.`;
    case 'unmarked':
      return `${prefix}Stack ${e.subject}${who} conforms again (or its violations are waived): the marks were removed from ${n}.`;
  }
}
