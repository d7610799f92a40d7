import { isDestructive, type ActionOutcome } from '@simian/core';
import { DELETE_AFTER_KEY, markStoreOf } from './marks.js';
import { CONFORMITY_MONKEY_NAME } from './name.js';

/** What happened to a stack in a run: what its owner is told. */
export interface StackEvent {
  monkey: typeof CONFORMITY_MONKEY_NAME;
  event: 'marked' | 'torn-down' | 'unmarked';
  /** The stack id (the actions' group). */
  stack: string;
  /** Enforced rules the stack breaks. */
  rules: string[];
  /** When teardown is due (marked) or was due (torn down). */
  deadline?: string;
  /** Values of the owner label/tag on the stack's resources. */
  owners: string[];
  resources: Array<{ ref: string; verb: string; status: string }>;
  dryRun: boolean;
  runId: string;
  /** One sentence for people (Slack-compatible webhooks show it). */
  text: string;
}

/**
 * Turns a run's outcomes into one event per stack and kind of change, counting only actions that
 * happened (or would have, in dry-run): a held-back or failed mark tells nobody anything.
 */
export function stackEvents(
  outcomes: readonly ActionOutcome[],
  options: { runId: string; dryRun: boolean; ownerLabel: string },
): StackEvent[] {
  const events = new Map<string, StackEvent>();
  for (const o of outcomes) {
    if (o.status !== 'succeeded' && o.status !== 'dry-run') continue;
    const a = o.action;
    const kind = a.verb === 'mark' ? 'marked' : a.verb === 'unmark' ? 'unmarked' : 'torn-down';
    if (kind === 'torn-down' && !isDestructive(a.verb)) continue;
    const stack = a.group ?? a.resource.ref;
    const key = `${stack}\0${kind}`;
    let e = events.get(key);
    if (!e) {
      e = {
        monkey: CONFORMITY_MONKEY_NAME,
        event: kind,
        stack,
        rules: a.ruleId ? a.ruleId.split(',') : [],
        owners: [],
        resources: [],
        dryRun: options.dryRun,
        runId: options.runId,
        text: '',
      };
      events.set(key, e);
    }
    const deadline = deadlineOf(o);
    if (deadline) e.deadline = deadline;
    const owner = a.resource.labels?.[options.ownerLabel];
    if (owner && !e.owners.includes(owner)) e.owners.push(owner);
    e.resources.push({ ref: a.resource.ref, verb: a.verb, status: o.status });
  }
  return [...events.values()].map((e) => ({ ...e, text: describe(e) }));
}

function deadlineOf(o: ActionOutcome): string | undefined {
  const params = o.action.params as
    { annotations?: Record<string, string>; tags?: Record<string, string> } | undefined;
  return (
    params?.annotations?.[DELETE_AFTER_KEY] ??
    params?.tags?.[DELETE_AFTER_KEY] ??
    markStoreOf(o.action.resource)[DELETE_AFTER_KEY]
  );
}

function describe(e: StackEvent): string {
  const who = e.owners.length > 0 ? ` (owner: ${e.owners.join(', ')})` : '';
  const rules = e.rules.join(', ');
  const n = e.resources.length === 1 ? '1 resource' : `${e.resources.length} resources`;
  const prefix = e.dryRun ? '[dry-run] ' : '';
  switch (e.event) {
    case 'marked':
      return `${prefix}Stack ${e.stack}${who} breaks enforced rule(s) ${rules}. ${n} marked; it will be torn down after ${e.deadline ?? 'its deadline'} unless it conforms or is waived by then.`;
    case 'torn-down':
      return `${prefix}Stack ${e.stack}${who} still broke enforced rule(s) ${rules} after its deadline ${e.deadline ?? ''}: ${n} torn down.`;
    case 'unmarked':
      return `${prefix}Stack ${e.stack}${who} conforms again (or its violations are waived): the marks were removed from ${n}.`;
  }
}
