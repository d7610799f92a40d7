import type { Resource } from '../types.js';
import { lifecycleKeyList, type LifecycleKeys } from './keys.js';

/** A lifecycle mark as read back from a resource's marks. */
export interface LifecycleMark {
  /** Rule ids in the rules key, sorted and de-duplicated. */
  rules: string[];
  /** Undefined when the value is missing or not a time. */
  markedAt?: Date;
  /** Undefined when the value is missing or not a time: such a mark never leads to an act. */
  deleteAfter?: Date;
  /** The delete-after value as written, for messages. */
  deleteAfterText?: string;
  /** When the owner was told, where the monkey keeps it. */
  notifiedAt?: Date;
  /** The last step of a several-step act that was done, and when. */
  step?: string;
  stepAt?: Date;
}

/**
 * The mark `keys` describe on a resource, or undefined when it carries none. Marks live on the
 * resources (`Resource.marks`, filled by the provider), so a restarted or replaced process carries
 * on where the last one stopped, and a person can read, move or remove them.
 */
export function readLifecycleMark(
  r: Pick<Resource, 'marks'>,
  keys: LifecycleKeys,
): LifecycleMark | undefined {
  const marks = r.marks ?? {};
  const rules = marks[keys.rules];
  const deleteAfter = marks[keys.deleteAfter];
  if (rules === undefined && deleteAfter === undefined) return undefined;
  const mark: LifecycleMark = { rules: parseRuleList(rules ?? '') };
  const markedAt = parseTime(marks[keys.markedAt]);
  if (markedAt) mark.markedAt = markedAt;
  const deadline = parseTime(deleteAfter);
  if (deadline) mark.deleteAfter = deadline;
  if (deleteAfter !== undefined) mark.deleteAfterText = deleteAfter;
  const notifiedAt = keys.notifiedAt ? parseTime(marks[keys.notifiedAt]) : undefined;
  if (notifiedAt) mark.notifiedAt = notifiedAt;
  const step = keys.step ? marks[keys.step] : undefined;
  if (step) mark.step = step;
  const stepAt = keys.stepAt ? parseTime(marks[keys.stepAt]) : undefined;
  if (stepAt) mark.stepAt = stepAt;
  return mark;
}

/**
 * When the monkey first saw the condition its rule counts from (`keys.firstSeen`), or undefined
 * when it has not recorded one (or a person made it unreadable: it is then recorded afresh).
 */
export function readFirstSeen(r: Pick<Resource, 'marks'>, keys: LifecycleKeys): Date | undefined {
  return keys.firstSeen ? parseTime(r.marks?.[keys.firstSeen]) : undefined;
}

/** What a mark says: the rules, when the unit was first marked, when it may be acted on. */
export interface LifecycleMarkFacts {
  rules: Iterable<string>;
  markedAt: Date;
  deleteAfter: Date;
}

/**
 * The key/value pairs of a mark, as the `mark` verb takes them (`{ marks }`). Where the monkey
 * keeps `notifiedAt`, it is the time of marking: the run that writes the mark tells the owner.
 */
export function lifecycleMarkValues(
  keys: LifecycleKeys,
  facts: LifecycleMarkFacts,
): Record<string, string> {
  return {
    [keys.rules]: formatRuleList(facts.rules),
    [keys.markedAt]: facts.markedAt.toISOString(),
    [keys.deleteAfter]: facts.deleteAfter.toISOString(),
    ...(keys.notifiedAt ? { [keys.notifiedAt]: facts.markedAt.toISOString() } : {}),
  };
}

/** The lifecycle's keys among a resource's marks (the rest is not the lifecycle's business). */
export function pickLifecycleMarks(
  r: Pick<Resource, 'marks'>,
  keys: LifecycleKeys,
): Record<string, string> {
  const marks = r.marks ?? {};
  return Object.fromEntries(
    lifecycleKeyList(keys).flatMap((k) => (marks[k] === undefined ? [] : [[k, marks[k]]])),
  );
}

/** `K8S-A,K8S-B`: sorted and de-duplicated, so equal sets compare equal as text. */
export function formatRuleList(rules: Iterable<string>): string {
  return [...new Set(rules)].sort().join(',');
}

/** The rule ids of a rules value; commas or white space separate them (people edit these). */
export function parseRuleList(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[\s,]+/)
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ].sort();
}

function parseTime(text: string | undefined): Date | undefined {
  if (text === undefined) return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : new Date(ms);
}
