// The conformity marks are on resources already: the keys must not change, and a stack whose
// members carry them (as the providers list them, in Resource.marks) continues where it was.
import { describe, expect, it } from 'vitest';
import { decideStack } from './decide-stack.js';
import { MARK_KEYS, markValues, readMark } from './marks.js';
import { awsFixture, kubeFixture, pick, withMarks } from './__fixtures__/resources.js';

const T0 = new Date('2026-11-02T10:00:00Z');
const DEADLINE = new Date('2026-11-09T10:00:00Z');

describe('conformity marks', () => {
  it('keep their keys exactly', () => {
    expect(MARK_KEYS).toEqual([
      'conformity.simian.dev/violation',
      'conformity.simian.dev/marked-at',
      'conformity.simian.dev/delete-after',
    ]);
    expect(markValues(['K8S-B', 'K8S-A'], T0, DEADLINE)).toEqual({
      'conformity.simian.dev/violation': 'K8S-A,K8S-B',
      'conformity.simian.dev/marked-at': '2026-11-02T10:00:00.000Z',
      'conformity.simian.dev/delete-after': '2026-11-09T10:00:00.000Z',
    });
  });

  it('are read from Resource.marks on Kubernetes and AWS alike, and decide the stack', async () => {
    const values = markValues(['K8S-EXPO-001'], T0, DEADLINE);
    const web = withMarks(pick(await kubeFixture('shop.yaml'), 'Deployment', 'web'), values);
    const instance = withMarks((await awsFixture('aws.json'))[0]!, values);
    for (const r of [web, instance]) {
      expect(readMark(r)).toMatchObject({ rules: ['K8S-EXPO-001'], deleteAfter: DEADLINE });
    }
    const stack = { id: 'k8s:test/shop/web', name: 'web', source: 'label' };
    const decide = (now: Date) =>
      decideStack({ stack, members: [web], violations: ['K8S-EXPO-001'], now, gracePeriodMs: 1 });
    expect(decide(T0).phase).toBe('in-grace');
    expect(decide(DEADLINE)).toMatchObject({ phase: 'due', act: [web] });
  });
});
