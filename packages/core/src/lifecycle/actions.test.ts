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
import type { InventoryKey, Resource } from '../types.js';
import { lifecycleActions, type LifecycleActionOptions } from './actions.js';
import { decideUnit } from './decide.js';
import { lifecycleMarkValues } from './mark.js';

const stack = { id: 'k8s:test/shop/web', name: 'web' };
const listing: InventoryKey = { provider: 'kubernetes', kind: 'Deployment', scope: 'test' };
const options: LifecycleActionOptions = {
  monkey: 'conformity',
  keys: CONFORMITY,
  dependsOn: [listing],
  act: (r) =>
    r.kind === 'Deployment'
      ? { verb: 'scale', params: { replicas: 0 }, description: `scale ${r.kind} ${r.name} to 0` }
      : undefined,
  reasons: { mark: 'marked', act: (step) => `due: ${step.description}`, unmark: 'fixed' },
};
const values = lifecycleMarkValues(CONFORMITY, {
  rules: ['K8S-EXPO-001'],
  markedAt: at(0),
  deleteAfter: at(7),
});
const decide = (members: Resource[], rules: string[], now: Date) =>
  decideUnit({ unit: stack, members, rules, keys: CONFORMITY, now, gracePeriodMs: 7 * DAY });

describe('lifecycleActions', () => {
  it('marks each member with the one param shape, whatever its provider', () => {
    const members = [kube('Deployment', 'web', 'shop-team'), volume('vol-1')];
    const actions = lifecycleActions(decide(members, ['K8S-EXPO-001'], T0), options);
    expect(actions.map((a) => [a.id, a.verb, a.group, a.ruleId, a.reason])).toEqual([
      ['conformity:mark:k8s:test/shop/Deployment/web', 'mark', stack.id, 'K8S-EXPO-001', 'marked'],
      [`conformity:mark:${members[1]!.ref}`, 'mark', stack.id, 'K8S-EXPO-001', 'marked'],
    ]);
    for (const a of actions) {
      expect(a.params).toEqual({ marks: values });
      expect(a).toMatchObject({ reversible: false, dependsOn: [listing] });
    }
    expect(actions[0]!.resource).toMatchObject({ owner: 'shop-team', provider: 'kubernetes' });
    expect(actions[0]!.resource).not.toHaveProperty('marks');
  });

  it('acts on due members the monkey has a step for, carrying their marks as planned', () => {
    const members = [kube('Deployment', 'web'), kube('Service', 'web-admin')].map((r) =>
      withMarks(r, { ...values, 'helm.sh/chart': 'web-1' }),
    );
    const actions = lifecycleActions(decide(members, ['K8S-EXPO-001'], at(8)), options);
    expect(actions.map((a) => [a.id, a.verb, a.params, a.reason])).toEqual([
      [
        'conformity:scale:k8s:test/shop/Deployment/web',
        'scale',
        { replicas: 0 },
        'due: scale Deployment web to 0',
      ],
    ]);
    expect(actions[0]!.resource.marks).toEqual(values);
  });

  it('removes exactly its own keys when a unit is unmarked', () => {
    const v = withMarks(volume('vol-1'), {
      ...lifecycleMarkValues(JANITOR, { rules: ['JAN-1'], markedAt: T0, deleteAfter: at(1) }),
    });
    const unit = { id: v.ref, name: 'vol-1' };
    const decision = decideUnit({
      unit,
      members: [v],
      rules: [],
      keys: JANITOR,
      now: at(2),
      gracePeriodMs: DAY,
    });
    const actions = lifecycleActions(decision, { ...options, monkey: 'janitor', keys: JANITOR });
    expect(actions.map((a) => [a.id, a.verb, a.params, a.reason, a.ruleId])).toEqual([
      [
        `janitor:unmark:${v.ref}`,
        'unmark',
        {
          keys: [
            'janitor.simian.dev/rule',
            'janitor.simian.dev/marked-at',
            'janitor.simian.dev/delete-after',
          ],
        },
        'fixed',
        undefined,
      ],
    ]);
  });
});
