import { describe, expect, it } from 'vitest';
import {
  at,
  CONFORMITY,
  DAY,
  JANITOR,
  kube,
  T0,
  volume,
  withMarks,
} from '../__fixtures__/lifecycle.js';
import type { Resource } from '../types.js';
import { decideUnit, type UnitFacts } from './decide.js';
import { lifecycleMarkValues } from './mark.js';

const stack = { id: 'k8s:test/shop/web', name: 'web', source: 'label app.kubernetes.io/instance' };
const members = (): [Resource, Resource] => [
  kube('Deployment', 'web'),
  kube('Service', 'web-admin'),
];
const marked = (
  r: Resource,
  rules: string[],
  markedAt: Date,
  deleteAfter: Date,
  keys = CONFORMITY,
) => withMarks(r, lifecycleMarkValues(keys, { rules, markedAt, deleteAfter }));

function decide(facts: Partial<UnitFacts<typeof stack>> & Pick<UnitFacts, 'members'>) {
  return decideUnit({
    unit: stack,
    rules: [],
    keys: CONFORMITY,
    now: T0,
    gracePeriodMs: 7 * DAY,
    ...facts,
  });
}

describe('decideUnit: the lifecycle by time', () => {
  it('marks every member of a unit newly in breach, with the deadline now + grace', () => {
    const [web, admin] = members();
    const d = decide({ members: [web, admin], rules: ['K8S-EXPO-001', 'K8S-AVAIL-001'] });
    expect(d).toMatchObject({
      unit: stack,
      phase: 'newly-marked',
      rules: ['K8S-AVAIL-001', 'K8S-EXPO-001'],
      markedAt: T0,
      deleteAfter: at(7),
      act: [],
      unmark: [],
    });
    expect(d.mark.map((r) => r.name)).toEqual(['web', 'web-admin']);
  });

  it('waits during the grace period, and marks nothing again', () => {
    const m = members().map((r) => marked(r, ['K8S-EXPO-001'], at(0), at(7)));
    const d = decide({ members: m, rules: ['K8S-EXPO-001'], now: at(6.99) });
    expect(d).toMatchObject({ phase: 'in-grace', deleteAfter: at(7), mark: [], act: [] });
  });

  it('acts on every marked member once the deadline has passed', () => {
    const m = members().map((r) => marked(r, ['K8S-EXPO-001'], at(0), at(7)));
    const d = decide({ members: m, rules: ['K8S-EXPO-001'], now: at(7) });
    expect(d.phase).toBe('due');
    expect(d.act.map((r) => r.name)).toEqual(['web', 'web-admin']);
  });

  it('unmarks a marked unit that no rule calls for any more, whatever the time', () => {
    const [web, admin] = members();
    const m = [marked(web, ['K8S-EXPO-001'], at(0), at(7)), admin];
    for (const now of [at(1), at(30)]) {
      const d = decide({ members: m, rules: [], now });
      expect(d.phase).toBe('unmarking');
      expect(d.unmark.map((r) => r.name)).toEqual(['web']);
      expect(d.act).toEqual([]);
    }
  });

  it('leaves a conforming, unmarked unit alone', () => {
    expect(decide({ members: members() }).phase).toBe('conforming');
  });
});

describe('decideUnit: a unit of several members is one', () => {
  it('uses the latest deadline of any member, so a person who moves one moves the unit', () => {
    const [web, admin] = members();
    const m = [
      marked(web, ['K8S-EXPO-001'], at(0), at(7)),
      marked(admin, ['K8S-EXPO-001'], at(0), at(14)),
    ];
    const d = decide({ members: m, rules: ['K8S-EXPO-001'], now: at(10) });
    expect(d).toMatchObject({ phase: 'in-grace', deleteAfter: at(14), markedAt: at(0) });
  });

  it("gives a member that joins a marked unit the unit's deadline, and acts on it only once it carries it", () => {
    const [web, admin] = members();
    const d = decide({
      members: [marked(web, ['K8S-EXPO-001'], at(0), at(7)), admin],
      rules: ['K8S-EXPO-001'],
      now: at(8),
    });
    expect(d.phase).toBe('due');
    expect(d.mark.map((r) => r.name)).toEqual(['web-admin']);
    expect(d).toMatchObject({ markedAt: at(0), deleteAfter: at(7) });
    expect(d.act.map((r) => r.name)).toEqual(['web']);
  });

  it('re-marks members whose mark names other rules, keeping the deadline', () => {
    const [web] = members();
    const d = decide({
      members: [marked(web, ['K8S-EXPO-001'], at(0), at(7))],
      rules: ['K8S-EXPO-001', 'K8S-AVAIL-001'],
      now: at(2),
    });
    expect(d).toMatchObject({ phase: 'in-grace', deleteAfter: at(7), markedAt: at(0) });
    expect(d.mark.map((r) => r.name)).toEqual(['web']);
  });

  it('holds a unit whose deadline a person made unreadable, and does not overwrite it', () => {
    const [web, admin] = members();
    const broken = withMarks(web, {
      [CONFORMITY.rules]: 'K8S-EXPO-001',
      [CONFORMITY.markedAt]: at(0).toISOString(),
      [CONFORMITY.deleteAfter]: 'after the launch',
    });
    const d = decide({
      members: [broken, marked(admin, ['K8S-EXPO-001'], at(0), at(7))],
      rules: ['K8S-EXPO-001'],
      now: at(30),
    });
    expect(d.phase).toBe('held');
    expect(d.held).toBe(
      'the conformity.simian.dev/delete-after mark of Deployment web ("after the launch") is not a time; fix or remove it',
    );
    expect(d.act).toEqual([]);
    expect(d.mark).toEqual([]);
  });

  it('holds a unit whose mark lost its deadline, naming it with an empty value', () => {
    const [web] = members();
    const d = decide({
      members: [withMarks(web, { [CONFORMITY.rules]: 'K8S-EXPO-001' })],
      rules: ['K8S-EXPO-001'],
      now: at(30),
    });
    expect(d).toMatchObject({ phase: 'held', act: [], mark: [] });
    expect(d.held).toContain('Deployment web ("")');
  });
});

describe('decideUnit: a unit of one resource, as the janitor uses it', () => {
  const unit = { id: 'arn:aws:ec2:eu-west-1:123456789012:volume/vol-1', name: 'vol-1' };
  const decideVolume = (r: Resource, rules: string[], now: Date) =>
    decideUnit({ unit, members: [r], rules, keys: JANITOR, now, gracePeriodMs: 3 * DAY });

  it('marks, waits, comes due, and is unmarked when in use again', () => {
    const fresh = volume('vol-1');
    const first = decideVolume(fresh, ['JAN-EBS-UNATTACHED'], T0);
    expect(first).toMatchObject({ phase: 'newly-marked', markedAt: T0, deleteAfter: at(3) });
    expect(first.mark).toEqual([fresh]);

    const m = marked(fresh, ['JAN-EBS-UNATTACHED'], T0, at(3), JANITOR);
    expect(m.marks).toEqual({
      'janitor.simian.dev/rule': 'JAN-EBS-UNATTACHED',
      'janitor.simian.dev/marked-at': '2026-11-02T10:00:00.000Z',
      'janitor.simian.dev/delete-after': '2026-11-05T10:00:00.000Z',
    });
    expect(decideVolume(m, ['JAN-EBS-UNATTACHED'], at(2)).phase).toBe('in-grace');
    expect(decideVolume(m, ['JAN-EBS-UNATTACHED'], at(3))).toMatchObject({
      phase: 'due',
      act: [m],
      mark: [],
    });
    expect(decideVolume(m, [], at(4))).toMatchObject({ phase: 'unmarking', unmark: [m], act: [] });
  });

  it("reads only its own monkey's keys: a conformity mark is not a janitor mark", () => {
    const other = marked(volume('vol-1'), ['AWS-TAG-001'], at(-30), at(-20), CONFORMITY);
    expect(decideVolume(other, [], T0).phase).toBe('conforming');
    expect(decideVolume(other, ['JAN-EBS-UNATTACHED'], T0).phase).toBe('newly-marked');
  });
});
