import type { ActionOutcome } from '@simian/core';
import { describe, expect, it } from 'vitest';
import { DELETE_AFTER_KEY } from './marks.js';
import { stackEvents } from './stack-events.js';

const WEB = 'k8s:test/shop/web';
const deadline = '2026-11-09T10:00:00.000Z';
function outcome(verb: string, name: string, status: ActionOutcome['status']): ActionOutcome {
  return {
    action: {
      id: `${verb}-${name}`,
      monkey: 'conformity',
      verb,
      resource: {
        ref: `k8s:test/shop/Deployment/${name}`,
        provider: 'kubernetes',
        kind: 'Deployment',
        name,
        labels: { owner: 'shop-team' },
        owner: 'shop-team',
        marks: { [DELETE_AFTER_KEY]: deadline },
      },
      reason: 'test',
      reversible: false,
      group: WEB,
      ruleId: 'K8S-AVAIL-001,K8S-EXPO-001',
      ...(verb === 'mark' ? { params: { marks: { [DELETE_AFTER_KEY]: deadline } } } : {}),
    },
    status,
    startedAt: '2026-11-02T10:00:00.000Z',
    endedAt: '2026-11-02T10:00:01.000Z',
  };
}

describe('stackEvents', () => {
  it('makes one event per stack and change, from the actions that happened', () => {
    const events = stackEvents(
      [
        outcome('mark', 'web', 'succeeded'),
        outcome('mark', 'admin', 'succeeded'),
        outcome('mark', 'held', 'skipped'),
        outcome('scale', 'web', 'failed'),
      ],
      { dryRun: false },
    );
    expect(events).toEqual([
      {
        type: 'marked',
        subject: WEB,
        owners: ['shop-team'],
        resources: [
          { ref: 'k8s:test/shop/Deployment/web', verb: 'mark', status: 'succeeded' },
          { ref: 'k8s:test/shop/Deployment/admin', verb: 'mark', status: 'succeeded' },
        ],
        text: `Stack ${WEB} (owner: shop-team) breaks enforced rule(s) K8S-AVAIL-001, K8S-EXPO-001. 2 resources marked; it will be torn down after ${deadline} unless it conforms or is waived by then.`,
        data: { rules: ['K8S-AVAIL-001', 'K8S-EXPO-001'], deadline },
      },
    ]);
  });

  it('reports a teardown with the deadline that had passed', () => {
    const [event] = stackEvents([outcome('scale', 'web', 'succeeded')], { dryRun: false });
    expect(event).toMatchObject({ type: 'torn-down', data: { deadline } });
    expect(event!.text).toBe(
      `Stack ${WEB} (owner: shop-team) still broke enforced rule(s) K8S-AVAIL-001, K8S-EXPO-001 after its deadline ${deadline}: 1 resource torn down.`,
    );
  });

  it('says so in dry-run, and tells unmarks', () => {
    const [event] = stackEvents([outcome('unmark', 'web', 'dry-run')], { dryRun: true });
    expect(event).toMatchObject({ type: 'unmarked', resources: [{ status: 'dry-run' }] });
    expect(event!.text).toBe(
      `[dry-run] Stack ${WEB} (owner: shop-team) conforms again (or its violations are waived): the marks were removed from 1 resource.`,
    );
  });
});
