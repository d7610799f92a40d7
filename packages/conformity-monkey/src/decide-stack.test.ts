import type { Resource } from '@simian/core';
import { describe, expect, it } from 'vitest';
import { decideStack, type StackFacts } from './decide-stack.js';
import { DELETE_AFTER_KEY, MARKED_AT_KEY, VIOLATION_KEY, markValues } from './marks.js';
import { annotated, kubeFixture, pick } from './__fixtures__/resources.js';

const DAY = 86_400_000;
const T0 = new Date('2026-11-02T10:00:00Z');
const at = (days: number) => new Date(T0.getTime() + days * DAY);
const stack = { id: 'k8s:test/shop/web', name: 'web', source: 'label app.kubernetes.io/instance' };

async function members(): Promise<[Resource, Resource]> {
  const all = await kubeFixture('shop.yaml');
  return [pick(all, 'Deployment', 'web'), pick(all, 'Service', 'web-admin')];
}

const marked = (r: Resource, rules: string[], markedAt: Date, deleteAfter: Date) =>
  annotated(r, markValues(rules, markedAt, deleteAfter));

function decide(facts: Partial<StackFacts> & Pick<StackFacts, 'members'>) {
  return decideStack({ stack, violations: [], now: T0, gracePeriodMs: 7 * DAY, ...facts });
}

describe('decideStack: the lifecycle by time', () => {
  it('marks every member of a newly non-conforming stack, with the deadline now + grace', async () => {
    const [web, admin] = await members();
    const d = decide({ members: [web, admin], violations: ['K8S-EXPO-001', 'K8S-AVAIL-001'] });
    expect(d).toMatchObject({
      phase: 'newly-marked',
      rules: ['K8S-AVAIL-001', 'K8S-EXPO-001'],
      markedAt: T0,
      deleteAfter: at(7),
      teardown: [],
      unmark: [],
    });
    expect(d.mark.map((r) => r.name)).toEqual(['web', 'web-admin']);
  });

  it('waits during the grace period, and marks nothing again', async () => {
    const [web, admin] = await members();
    const m = [web, admin].map((r) => marked(r, ['K8S-EXPO-001'], at(0), at(7)));
    const d = decide({ members: m, violations: ['K8S-EXPO-001'], now: at(6.99) });
    expect(d).toMatchObject({ phase: 'in-grace', deleteAfter: at(7), mark: [], teardown: [] });
  });

  it('tears down every marked member once the deadline has passed', async () => {
    const [web, admin] = await members();
    const m = [web, admin].map((r) => marked(r, ['K8S-EXPO-001'], at(0), at(7)));
    const d = decide({ members: m, violations: ['K8S-EXPO-001'], now: at(7) });
    expect(d.phase).toBe('due');
    expect(d.teardown.map((r) => r.name)).toEqual(['web', 'web-admin']);
  });

  it('unmarks a marked stack that conforms again or is waived, whatever the time', async () => {
    const [web, admin] = await members();
    const m = [marked(web, ['K8S-EXPO-001'], at(0), at(7)), admin];
    for (const now of [at(1), at(30)]) {
      const d = decide({ members: m, violations: [], now });
      expect(d.phase).toBe('unmarking');
      expect(d.unmark.map((r) => r.name)).toEqual(['web']);
      expect(d.teardown).toEqual([]);
    }
  });

  it('leaves a conforming, unmarked stack alone', async () => {
    const [web, admin] = await members();
    expect(decide({ members: [web, admin] }).phase).toBe('conforming');
  });
});

describe('decideStack: the stack is one unit', () => {
  it('uses the latest deadline of any member, so a person who moves one moves the stack', async () => {
    const [web, admin] = await members();
    const m = [
      marked(web, ['K8S-EXPO-001'], at(0), at(7)),
      marked(admin, ['K8S-EXPO-001'], at(0), at(14)),
    ];
    const d = decide({ members: m, violations: ['K8S-EXPO-001'], now: at(10) });
    expect(d).toMatchObject({ phase: 'in-grace', deleteAfter: at(14), markedAt: at(0) });
  });

  it("gives a member that joins a marked stack the stack's deadline, and tears it down only once it carries it", async () => {
    const [web, admin] = await members();
    const d = decide({
      members: [marked(web, ['K8S-EXPO-001'], at(0), at(7)), admin],
      violations: ['K8S-EXPO-001'],
      now: at(8),
    });
    expect(d.phase).toBe('due');
    expect(d.mark.map((r) => r.name)).toEqual(['web-admin']);
    expect(d).toMatchObject({ markedAt: at(0), deleteAfter: at(7) });
    expect(d.teardown.map((r) => r.name)).toEqual(['web']);
  });

  it('re-marks members whose mark names other rules, keeping the deadline', async () => {
    const [web] = await members();
    const d = decide({
      members: [marked(web, ['K8S-EXPO-001'], at(0), at(7))],
      violations: ['K8S-EXPO-001', 'K8S-AVAIL-001'],
      now: at(2),
    });
    expect(d).toMatchObject({ phase: 'in-grace', deleteAfter: at(7), markedAt: at(0) });
    expect(d.mark.map((r) => r.name)).toEqual(['web']);
  });

  it('holds a stack whose deadline a person made unreadable, and does not overwrite it', async () => {
    const [web, admin] = await members();
    const broken = annotated(web, {
      [VIOLATION_KEY]: 'K8S-EXPO-001',
      [MARKED_AT_KEY]: at(0).toISOString(),
      [DELETE_AFTER_KEY]: 'after the launch',
    });
    const d = decide({
      members: [broken, marked(admin, ['K8S-EXPO-001'], at(0), at(7))],
      violations: ['K8S-EXPO-001'],
      now: at(30),
    });
    expect(d.phase).toBe('held');
    expect(d.held).toContain('Deployment web ("after the launch")');
    expect(d.teardown).toEqual([]);
    expect(d.mark).toEqual([]);
  });
});
