import {
  lifecycleKeyList,
  lifecycleKeys,
  lifecycleMarkValues,
  readLifecycleMark,
  type LifecycleMark,
  type Resource,
} from '@simian/core';

/**
 * The conformity monkey's mark keys on a stack's members (annotations on Kubernetes, tags on AWS:
 * the provider decides). These exact keys are on resources already: they must never change.
 */
export const CONFORMITY_MARKS = lifecycleKeys('conformity.simian.dev', { rules: 'violation' });

/** The enforced rule ids the stack breaks: `K8S-EXPO-001,K8S-AVAIL-001`. */
export const VIOLATION_KEY = CONFORMITY_MARKS.rules;
/** When the stack was first marked (ISO time). */
export const MARKED_AT_KEY = CONFORMITY_MARKS.markedAt;
/** When the stack may be torn down, at the earliest (ISO time). A person may move it. */
export const DELETE_AFTER_KEY = CONFORMITY_MARKS.deleteAfter;

/** Every key a mark sets, so an unmark removes exactly these. */
export const MARK_KEYS: readonly string[] = lifecycleKeyList(CONFORMITY_MARKS);

/** A conformity mark as read back from a resource. */
export type Mark = LifecycleMark;

/** The conformity mark on a resource (from `Resource.marks`), or undefined when it carries none. */
export function readMark(r: Pick<Resource, 'marks'>): Mark | undefined {
  return readLifecycleMark(r, CONFORMITY_MARKS);
}

/** The key/value pairs of a conformity mark, as the `mark` verb takes them in `{ marks }`. */
export function markValues(
  rules: readonly string[],
  markedAt: Date,
  deleteAfter: Date,
): Record<string, string> {
  return lifecycleMarkValues(CONFORMITY_MARKS, { rules, markedAt, deleteAfter });
}
