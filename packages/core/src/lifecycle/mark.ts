import type { Resource } from '../types.js';
import type { LifecycleKeys } from './keys.js';

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
  return mark;
}

/** What a mark says: the rules, when the unit was first marked, when it may be acted on. */
export interface LifecycleMarkFacts {
  rules: Iterable<string>;
  markedAt: Date;
  deleteAfter: Date;
}

/** The key/value pairs of a mark, as the `mark` verb takes them (`{ marks }`). */
export function lifecycleMarkValues(
  keys: LifecycleKeys,
  facts: LifecycleMarkFacts,
): Record<string, string> {
  return {
    [keys.rules]: formatRuleList(facts.rules),
    [keys.markedAt]: facts.markedAt.toISOString(),
    [keys.deleteAfter]: facts.deleteAfter.toISOString(),
  };
}

/** The lifecycle's keys among a resource's marks (the rest is not the lifecycle's business). */
export function pickLifecycleMarks(
  r: Pick<Resource, 'marks'>,
  keys: LifecycleKeys,
): Record<string, string> {
  const marks = r.marks ?? {};
  return Object.fromEntries(
    [keys.rules, keys.markedAt, keys.deleteAfter].flatMap((k) =>
      marks[k] === undefined ? [] : [[k, marks[k]]],
    ),
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
