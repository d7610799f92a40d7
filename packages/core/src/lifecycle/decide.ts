import type { Resource } from '../types.js';
import type { LifecycleKeys } from './keys.js';
import { formatRuleList, readLifecycleMark, type LifecycleMark } from './mark.js';

/**
 * What a monkey acts on as one: a set of member resources that are marked, waited for and acted on
 * together. The conformity monkey's unit is a stack; the janitor's is one resource.
 */
export interface LifecycleUnit {
  /** Stable id: the actions' `group` and the events' `subject`. */
  id: string;
  /** As people name it, for reasons and messages. */
  name: string;
}

/** Where a unit stands in the lifecycle: mark, (notify,) grace, act; or unmark. */
export type UnitPhase =
  /** No rule calls for an act, and nothing is marked. */
  | 'conforming'
  /** Marked, but no rule calls for an act now (fixed, waived, in use again): the marks come off. */
  | 'unmarking'
  /** A rule calls for an act and no member carries a mark yet: marked now, the grace period starts. */
  | 'newly-marked'
  /** Marked, deadline not reached. */
  | 'in-grace'
  /** Marked, deadline passed, a rule still calls for the act: the marked members are acted on. */
  | 'due'
  /** A mark cannot be read (someone edited it): nothing is acted on until it is fixed. */
  | 'held';

/** Inputs of {@link decideUnit}. */
export interface UnitFacts<U extends LifecycleUnit = LifecycleUnit> {
  unit: U;
  /** The resources that carry the marks and are acted on. */
  members: readonly Resource[];
  /** Rule ids that call for the act now (waived ones left out), in any order. */
  rules: Iterable<string>;
  /** The monkey's mark keys. */
  keys: LifecycleKeys;
  now: Date;
  /** Grace period in ms, from marking to the earliest act. */
  gracePeriodMs: number;
  /**
   * When a new mark falls due, where the rule itself says (an expiry date or a time to live set by
   * the owner): used instead of now + grace period, and never earlier than now.
   */
  deadline?: Date;
}

/** What to do with one unit in this run. Pure data: the monkey turns it into actions. */
export interface UnitDecision<U extends LifecycleUnit = LifecycleUnit> {
  unit: U;
  phase: UnitPhase;
  /** Rule ids that call for the act, sorted. */
  rules: string[];
  /** When the unit was first marked (now, for a new mark). */
  markedAt?: Date;
  /** When the unit may be acted on. */
  deleteAfter?: Date;
  /** Members to mark (no mark yet, or one naming other rules). The unit's deadline is kept. */
  mark: Resource[];
  /** Members whose mark comes off. */
  unmark: Resource[];
  /** Marked members whose deadline has passed: to be acted on. */
  act: Resource[];
  /** Why the unit is held, when it is. */
  held?: string;
}

/**
 * Decides one unit's next step from the rules that call for an act and the marks on its members.
 * The unit is marked when any rule calls for the act, and it is due when the latest deadline on any
 * member has passed (so a person who moves one member's deadline later moves the unit's). Members
 * that join a marked unit get the unit's deadline, not a fresh one, and are acted on only from the
 * run after they carry the mark. A single-resource unit (the janitor's) is the same with one member.
 */
export function decideUnit<U extends LifecycleUnit>(facts: UnitFacts<U>): UnitDecision<U> {
  const { unit, members, keys, now } = facts;
  const rules = [...new Set(facts.rules)].sort();
  const marks = new Map<Resource, LifecycleMark | undefined>(
    members.map((m) => [m, readLifecycleMark(m, keys)]),
  );
  const marked = members.filter((m) => marks.get(m) !== undefined);
  const base = { unit, rules, mark: [], unmark: [], act: [] };

  if (rules.length === 0) {
    return marked.length > 0
      ? { ...base, phase: 'unmarking', unmark: marked }
      : { ...base, phase: 'conforming' };
  }
  if (marked.length === 0) {
    const deleteAfter = facts.deadline
      ? new Date(Math.max(facts.deadline.getTime(), now.getTime()))
      : new Date(now.getTime() + facts.gracePeriodMs);
    return { ...base, phase: 'newly-marked', markedAt: now, deleteAfter, mark: [...members] };
  }

  const unreadable = marked.filter((m) => marks.get(m)?.deleteAfter === undefined);
  const deadlines = marked.flatMap((m) => marks.get(m)?.deleteAfter ?? []);
  const starts = marked.flatMap((m) => marks.get(m)?.markedAt ?? []);
  const markedAt = starts.length > 0 ? new Date(Math.min(...starts.map(Number))) : now;
  const deleteAfter =
    deadlines.length > 0
      ? new Date(Math.max(...deadlines.map(Number)))
      : new Date(now.getTime() + facts.gracePeriodMs);
  const wanted = formatRuleList(rules);
  // A mark a person made unreadable is theirs to fix: it is neither overwritten nor acted on.
  const mark = members.filter((m) => {
    const current = marks.get(m);
    if (current === undefined) return true;
    return current.deleteAfter !== undefined && formatRuleList(current.rules) !== wanted;
  });
  const decision = { ...base, markedAt, deleteAfter, mark };

  if (unreadable.length > 0) {
    const names = unreadable.map(
      (m) => `${m.kind} ${m.name} ("${marks.get(m)?.deleteAfterText ?? ''}")`,
    );
    return {
      ...decision,
      phase: 'held',
      held: `the ${keys.deleteAfter} mark of ${names.join(', ')} is not a time; fix or remove it`,
    };
  }
  if (now.getTime() < deleteAfter.getTime()) return { ...decision, phase: 'in-grace' };
  return { ...decision, phase: 'due', act: marked };
}
