import { describe, expect, it } from 'vitest';
import { at, DAY, T0, volume, withMarks } from '../__fixtures__/lifecycle.js';
import type { ActionOutcome, Resource } from '../types.js';
import { lifecycleActions } from './actions.js';
import { decideUnit } from './decide.js';
import { lifecycleEvents } from './events.js';
import { lifecycleKeyList, lifecycleKeys } from './keys.js';
import { lifecycleMarkValues, readFirstSeen, readLifecycleMark } from './mark.js';

// The keys a monkey adds to the lifecycle (the janitor's first-seen time, notice and steps), a
// deadline the rule sets, and an act in several steps.
const KEYS = lifecycleKeys('janitor.simian.dev', { firstSeen: 'unused-since' }, [
  'firstSeen',
  'notifiedAt',
  'step',
  'stepAt',
]);
const unit = { id: 'vol-1', name: 'vol-1' };

describe('the lifecycle keys a monkey adds', () => {
  it('are named under its prefix, removed by an unmark, and read back', () => {
    expect(lifecycleKeyList(KEYS)).toEqual([
      'janitor.simian.dev/rule',
      'janitor.simian.dev/marked-at',
      'janitor.simian.dev/delete-after',
      'janitor.simian.dev/unused-since',
      'janitor.simian.dev/notified-at',
      'janitor.simian.dev/step',
      'janitor.simian.dev/step-at',
    ]);
    const values = lifecycleMarkValues(KEYS, { rules: ['R'], markedAt: T0, deleteAfter: at(7) });
    expect(values[KEYS.notifiedAt!]).toBe(T0.toISOString());
    const v = withMarks(volume('vol-1'), {
      ...values,
      [KEYS.firstSeen!]: at(-30).toISOString(),
      [KEYS.step!]: 'snapshot',
      [KEYS.stepAt!]: at(8).toISOString(),
    });
    expect(readFirstSeen(v, KEYS)).toEqual(at(-30));
    expect(readLifecycleMark(v, KEYS)).toMatchObject({
      notifiedAt: T0,
      step: 'snapshot',
      stepAt: at(8),
    });
    expect(readFirstSeen(withMarks(v, { [KEYS.firstSeen!]: 'yesterday' }), KEYS)).toBeUndefined();
  });
});

describe('a deadline the rule sets', () => {
  const decide = (deadline: Date) =>
    decideUnit({
      unit,
      members: [volume('vol-1')],
      rules: ['ttl'],
      keys: KEYS,
      now: T0,
      gracePeriodMs: 7 * DAY,
      deadline,
    });
  it('is the new mark deadline instead of now + grace, never earlier than now', () => {
    expect(decide(at(2)).deleteAfter).toEqual(at(2));
    expect(decide(at(-5)).deleteAfter).toEqual(T0);
  });
});

describe('an act in several steps, and bookkeeping marks', () => {
  const marked = withMarks(
    volume('vol-1', 'team-a'),
    lifecycleMarkValues(KEYS, { rules: ['R'], markedAt: at(-8), deleteAfter: at(-1) }),
  );
  const decision = decideUnit({
    unit,
    members: [marked],
    rules: ['R'],
    keys: KEYS,
    now: T0,
    gracePeriodMs: DAY,
  });
  const actions = lifecycleActions(decision, {
    monkey: 'janitor',
    keys: KEYS,
    act: () => [
      { name: 'snapshot', verb: 'create-snapshot', params: {}, description: 'snapshot it' },
      {
        name: 'step',
        verb: 'mark',
        params: { marks: { [KEYS.step!]: 'snapshot' } },
        description: 'note it',
      },
      { verb: 'delete', params: {}, description: 'delete it' },
    ],
    reasons: { mark: 'm', act: (s) => s.description, unmark: 'u' },
  });
  it('plans each step in order, named apart', () => {
    expect(actions.map((a) => a.id)).toEqual([
      `janitor:snapshot:${marked.ref}`,
      `janitor:step:${marked.ref}`,
      `janitor:delete:${marked.ref}`,
    ]);
  });
  it('tells of the act, but not of a mark that sets neither rules nor deadline', () => {
    const outcomes: ActionOutcome[] = actions.map((action) => ({
      action,
      status: 'succeeded',
      startedAt: T0.toISOString(),
      endedAt: T0.toISOString(),
    }));
    const firstSeen = (r: Resource): ActionOutcome => ({
      ...outcomes[0]!,
      action: {
        ...outcomes[0]!.action,
        id: 'seen',
        verb: 'unmark',
        resource: { ...outcomes[0]!.action.resource, marks: { [KEYS.firstSeen!]: r.name } },
      },
    });
    const events = lifecycleEvents([...outcomes, firstSeen(marked)], { keys: KEYS, dryRun: false });
    expect(events.map((e) => [e.type, e.resources.map((r) => r.verb)])).toEqual([
      // A snapshot is no act of its own (it destroys nothing): the deletion is.
      ['acted', ['delete']],
    ]);
  });
});
