import {
  lifecycleEvents,
  type ActionOutcome,
  type LifecycleEvent,
  type LifecycleEventSummary,
} from '@simian/core';
import { JANITOR_MARKS } from './marks.js';

/**
 * One domain event per resource and change (`marked`, `removed`, `unmarked`), in the janitor's
 * words, with what removal did (the snapshot it took, the restore command) where it did something.
 */
export function janitorEvents(
  outcomes: readonly ActionOutcome[],
  options: { dryRun: boolean },
): LifecycleEvent[] {
  const events = lifecycleEvents(outcomes, {
    keys: JANITOR_MARKS,
    dryRun: options.dryRun,
    actedType: 'removed',
    describe,
  });
  return events.map((e) => {
    if (e.type !== 'removed') return e;
    const steps = outcomes.filter(
      (o) =>
        (o.action.group ?? o.action.resource.ref) === e.subject &&
        o.action.verb !== 'mark' &&
        o.action.verb !== 'unmark',
    );
    const done = steps.map(
      (o) =>
        `${o.action.verb}: ${o.status}${o.output?.['snapshotId'] ? ` (${String(o.output['snapshotId'])})` : ''}`,
    );
    const restore = steps
      .map((o) => /\((restore|undo)[^]*\)$/.exec(o.action.reason)?.[0])
      .find(Boolean);
    return {
      ...e,
      text: `${e.text} Steps: ${done.join(', ')}.${restore ? ` ${restore.slice(1, -1)}.` : ''}`,
      data: { ...e.data, steps: done },
    };
  });
}

function describe(e: LifecycleEventSummary): string {
  const who = e.owners.length > 0 ? ` (owner: ${e.owners.join(', ')})` : '';
  const rules = e.rules.join(', ');
  const prefix = e.dryRun ? '[dry-run] ' : '';
  switch (e.change) {
    case 'marked':
      return `${prefix}${e.subject}${who} is unused (${rules}): marked; the janitor removes it after ${e.deadline ?? 'its deadline'} unless it is used again, opted out (or janitor/ttl: forever) or waived by then.`;
    case 'acted':
      return `${prefix}${e.subject}${who} was still unused (${rules}) after its deadline ${e.deadline ?? ''}: removed.`;
    case 'unmarked':
      return `${prefix}${e.subject}${who} is used again, opted out or waived: the janitor's marks came off and it stays.`;
  }
}
