import type { DomainEvent } from '../events.js';
import type { Logger } from '../logger.js';
import type { ApplyContext } from '../monkey.js';
import { isDestructive, type ActionOutcome } from '../types.js';
import type { LifecycleKeys } from './keys.js';
import type { MarkParams } from './params.js';

/** A lifecycle event as a monkey emits it (the engine adds monkey, runId, dryRun and time). */
export type LifecycleEvent = Omit<DomainEvent, 'monkey' | 'runId' | 'dryRun' | 'at'> & {
  data: { rules: string[]; deadline?: string };
};

/** What happened to one unit in a run, for the sentence people read. */
export interface LifecycleEventSummary {
  /** `marked`, `unmarked`, or the act (`acted` unless the monkey names it). */
  change: 'marked' | 'unmarked' | 'acted';
  /** The unit's id (the actions' group). */
  subject: string;
  rules: string[];
  /** When the act is due (marked) or was due (acted, unmarked). */
  deadline?: string;
  owners: string[];
  /** How many resources the change touched. */
  count: number;
  dryRun: boolean;
}

/** What {@link lifecycleEvents} needs besides the outcomes. */
export interface LifecycleEventOptions {
  keys: LifecycleKeys;
  dryRun: boolean;
  /** The event type of an act: `acted` unless the monkey has a word for it (`torn-down`). */
  actedType?: string;
  /** The sentence for people; {@link describeLifecycleEvent} unless the monkey says it better. */
  describe?(summary: LifecycleEventSummary): string;
}

/**
 * Turns a run's outcomes into one event per unit and kind of change, counting only actions that
 * happened (or would have, in dry-run): a held-back or failed mark tells nobody anything. Marks and
 * unmarks are the lifecycle's own verbs; any destructive action of a unit is its act. A mark that
 * sets neither the rules nor the deadline (a first-seen time, a step done) is bookkeeping, and an
 * unmark of a resource that carried neither was never news: neither makes an event.
 */
export function lifecycleEvents(
  outcomes: readonly ActionOutcome[],
  options: LifecycleEventOptions,
): LifecycleEvent[] {
  const summaries = new Map<
    string,
    LifecycleEventSummary & { resources: DomainEvent['resources'] }
  >();
  for (const o of outcomes) {
    if (o.status !== 'succeeded' && o.status !== 'dry-run') continue;
    const a = o.action;
    const change = a.verb === 'mark' ? 'marked' : a.verb === 'unmark' ? 'unmarked' : 'acted';
    if (change === 'acted' && !isDestructive(a.verb)) continue;
    if (change === 'marked' && !setsMark(a.params as Partial<MarkParams>, options.keys)) continue;
    if (change === 'unmarked' && !setsMark({ marks: a.resource.marks ?? {} }, options.keys)) {
      continue;
    }
    const subject = a.group ?? a.resource.ref;
    const key = `${subject}\0${change}`;
    let s = summaries.get(key);
    if (!s) {
      s = {
        change,
        subject,
        rules: a.ruleId ? a.ruleId.split(',') : [],
        owners: [],
        count: 0,
        dryRun: options.dryRun,
        resources: [],
      };
      summaries.set(key, s);
    }
    const deadline = deadlineOf(o, options.keys);
    if (deadline) s.deadline = deadline;
    const owner = a.resource.owner;
    if (owner && !s.owners.includes(owner)) s.owners.push(owner);
    s.resources.push({ ref: a.resource.ref, verb: a.verb, status: o.status });
    s.count = s.resources.length;
  }
  const describe = options.describe ?? describeLifecycleEvent;
  return [...summaries.values()].map(({ resources, ...s }) => ({
    type: s.change === 'acted' ? (options.actedType ?? 'acted') : s.change,
    subject: s.subject,
    resources,
    owners: s.owners,
    text: describe(s),
    data: { rules: s.rules, ...(s.deadline ? { deadline: s.deadline } : {}) },
  }));
}

/** Whether `params` set the lifecycle's own mark (its rules or its deadline). */
function setsMark(params: Partial<MarkParams> | undefined, keys: LifecycleKeys): boolean {
  const marks = params?.marks ?? {};
  return marks[keys.rules] !== undefined || marks[keys.deleteAfter] !== undefined;
}

/** The deadline a mark sets, or the one the resource carried when the action was planned. */
function deadlineOf(o: ActionOutcome, keys: LifecycleKeys): string | undefined {
  const params = o.action.params as Partial<MarkParams> | undefined;
  return params?.marks?.[keys.deleteAfter] ?? o.action.resource.marks?.[keys.deleteAfter];
}

/** A plain sentence for any monkey's unit: what changed, for whom, and what comes next. */
export function describeLifecycleEvent(s: LifecycleEventSummary): string {
  const prefix = s.dryRun ? '[dry-run] ' : '';
  const who = s.owners.length > 0 ? ` (owner: ${s.owners.join(', ')})` : '';
  const rules = s.rules.join(', ');
  const n = s.count === 1 ? '1 resource' : `${s.count} resources`;
  switch (s.change) {
    case 'marked':
      return `${prefix}${s.subject}${who} matches rule(s) ${rules}: ${n} marked; it will be acted on after ${s.deadline ?? 'its deadline'} unless it no longer matches by then.`;
    case 'acted':
      return `${prefix}${s.subject}${who} still matched rule(s) ${rules} after its deadline ${s.deadline ?? ''}: ${n} acted on.`;
    case 'unmarked':
      return `${prefix}${s.subject}${who} no longer matches its rule(s): the marks were removed from ${n}.`;
  }
}

/**
 * Tells people about each event: the monkey's log always (warn for marks and acts, which ask
 * someone to act; info for unmarks), and the run's reporters through `emit` (a webhook, Slack).
 */
export async function announceLifecycleEvents(
  ctx: { logger: Logger; emit: ApplyContext<unknown>['emit'] },
  events: readonly LifecycleEvent[],
): Promise<void> {
  for (const event of events) {
    const fields = {
      event: event.type,
      subject: event.subject,
      rules: event.data.rules,
      deadline: event.data.deadline,
      owners: event.owners,
    };
    if (event.type === 'unmarked') ctx.logger.info(fields, event.text);
    else ctx.logger.warn(fields, event.text);
    await ctx.emit(event);
  }
}
