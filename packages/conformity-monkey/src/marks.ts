import type { Resource } from '@simian/core';

/** Annotation (Kubernetes) or tag (AWS) with the enforced rule ids the stack breaks: `K8S-EXPO-001,K8S-AVAIL-001`. */
export const VIOLATION_KEY = 'conformity.simian.dev/violation';
/** When the stack was first marked (ISO time). */
export const MARKED_AT_KEY = 'conformity.simian.dev/marked-at';
/** When the stack may be torn down, at the earliest (ISO time). A person may move it. */
export const DELETE_AFTER_KEY = 'conformity.simian.dev/delete-after';

/** Every key a mark sets, so an unmark removes exactly these. */
export const MARK_KEYS = [VIOLATION_KEY, MARKED_AT_KEY, DELETE_AFTER_KEY] as const;

/** A mark as read back from a resource. */
export interface Mark {
  /** Rule ids in the violation key, sorted. */
  rules: string[];
  /** Undefined when the value is missing or not a time. */
  markedAt?: Date;
  /** Undefined when the value is missing or not a time: such a mark never leads to teardown. */
  deleteAfter?: Date;
  /** The raw delete-after value, for messages. */
  deleteAfterText?: string;
}

/**
 * Marks live on the resources, so a restarted or replaced process continues where the last one
 * stopped. Kubernetes keeps them in annotations (labels would refuse the ISO times), AWS in tags.
 */
export function markStoreOf(r: Pick<Resource, 'provider' | 'annotations' | 'labels'>) {
  return (r.provider === 'kubernetes' ? r.annotations : r.labels) ?? {};
}

/** The conformity mark on a resource, or undefined when it carries none. */
export function readMark(
  r: Pick<Resource, 'provider' | 'annotations' | 'labels'>,
): Mark | undefined {
  const store = markStoreOf(r);
  const violation = store[VIOLATION_KEY];
  const deleteAfter = store[DELETE_AFTER_KEY];
  if (violation === undefined && deleteAfter === undefined) return undefined;
  const mark: Mark = { rules: parseRuleList(violation ?? '') };
  const markedAt = parseTime(store[MARKED_AT_KEY]);
  if (markedAt) mark.markedAt = markedAt;
  const deadline = parseTime(deleteAfter);
  if (deadline) mark.deleteAfter = deadline;
  if (deleteAfter !== undefined) mark.deleteAfterText = deleteAfter;
  return mark;
}

/** The key/value pairs of a mark, as annotations or tags. */
export function markValues(rules: readonly string[], markedAt: Date, deleteAfter: Date) {
  return {
    [VIOLATION_KEY]: formatRuleList(rules),
    [MARKED_AT_KEY]: markedAt.toISOString(),
    [DELETE_AFTER_KEY]: deleteAfter.toISOString(),
  };
}

/** `K8S-A,K8S-B`: sorted and de-duplicated, so equal sets compare equal as text. */
export function formatRuleList(rules: Iterable<string>): string {
  return [...new Set(rules)].sort().join(',');
}

function parseRuleList(text: string): string[] {
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
