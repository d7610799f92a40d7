import type { RecheckResult } from '../monkey.js';
import type { Resource } from '../types.js';
import type { LifecycleKeys } from './keys.js';
import { readLifecycleMark } from './mark.js';

/**
 * Just before an act, on the executor's fresh read of the member: does its mark still allow it?
 * Not when a person removed the mark, made its deadline unreadable or moved it later. The monkey
 * then checks that its rules still call for the act.
 */
export function recheckLifecycleMark(
  fresh: Pick<Resource, 'kind' | 'name' | 'marks'>,
  keys: LifecycleKeys,
  now: Date,
): RecheckResult {
  const what = `${fresh.kind} ${fresh.name}`;
  const mark = readLifecycleMark(fresh, keys);
  if (mark?.deleteAfterText === undefined) {
    return { ok: false, reason: `${what} no longer carries the ${keys.deleteAfter} mark` };
  }
  if (!mark.deleteAfter) {
    return {
      ok: false,
      reason: `${what} has ${keys.deleteAfter} "${mark.deleteAfterText}", which is not a time`,
    };
  }
  if (mark.deleteAfter.getTime() > now.getTime()) {
    return {
      ok: false,
      reason: `${what}'s deadline was moved to ${mark.deleteAfter.toISOString()}`,
    };
  }
  return { ok: true };
}
