import { describe, expect, it } from 'vitest';
import { CONFORMITY } from '../__fixtures__/lifecycle.js';
import { createLogger } from '../logger.js';
import type { ActionOutcome } from '../types.js';
import { announceLifecycleEvents, lifecycleEvents, type LifecycleEvent } from './events.js';

const WEB = 'k8s:test/shop/web';
const deadline = '2026-11-09T10:00:00.000Z';
const DEADLINE_KEY = CONFORMITY.deleteAfter;

function outcome(
  verb: string,
  name: string,
  status: ActionOutcome['status'],
  owner = 'shop-team',
): ActionOutcome {
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
        labels: {},
        owner,
        ...(verb === 'mark' ? {} : { marks: { [DEADLINE_KEY]: deadline } }),
      },
      reason: 'test',
      reversible: false,
      group: WEB,
      ruleId: 'K8S-AVAIL-001,K8S-EXPO-001',
      ...(verb === 'mark' ? { params: { marks: { [DEADLINE_KEY]: deadline } } } : {}),
    },
    status,
    startedAt: '2026-11-02T10:00:00.000Z',
    endedAt: '2026-11-02T10:00:01.000Z',
  };
}

describe('lifecycleEvents', () => {
  it('makes one event per unit and change, from the actions that happened', () => {
    const events = lifecycleEvents(
      [
        outcome('mark', 'web', 'succeeded'),
        outcome('mark', 'admin', 'succeeded', 'platform'),
        outcome('mark', 'held', 'skipped'),
        outcome('scale', 'web', 'failed'),
      ],
      { keys: CONFORMITY, dryRun: false },
    );
    expect(events).toEqual([
      {
        type: 'marked',
        subject: WEB,
        owners: ['shop-team', 'platform'],
        resources: [
          { ref: 'k8s:test/shop/Deployment/web', verb: 'mark', status: 'succeeded' },
          { ref: 'k8s:test/shop/Deployment/admin', verb: 'mark', status: 'succeeded' },
        ],
        text: `${WEB} (owner: shop-team, platform) matches rule(s) K8S-AVAIL-001, K8S-EXPO-001: 2 resources marked; it will be acted on after ${deadline} unless it no longer matches by then.`,
        data: { rules: ['K8S-AVAIL-001', 'K8S-EXPO-001'], deadline },
      },
    ]);
  });

  it('reports an act with the deadline that had passed, under the name the monkey gives it', () => {
    const [event] = lifecycleEvents([outcome('scale', 'web', 'dry-run')], {
      keys: CONFORMITY,
      dryRun: true,
      actedType: 'torn-down',
      describe: (s) => `${s.change} ${s.count} ${String(s.dryRun)}`,
    });
    expect(event).toMatchObject({
      type: 'torn-down',
      data: { deadline },
      resources: [{ verb: 'scale', status: 'dry-run' }],
      text: 'acted 1 true',
    });
  });

  it('tells unmarks; never counts a non-destructive verb of its own as an act', () => {
    const events = lifecycleEvents(
      [outcome('unmark', 'web', 'succeeded'), outcome('notify', 'web', 'succeeded')],
      { keys: CONFORMITY, dryRun: true },
    );
    expect(events.map((e) => [e.type, e.text])).toEqual([
      [
        'unmarked',
        `[dry-run] ${WEB} (owner: shop-team) no longer matches its rule(s): the marks were removed from 1 resource.`,
      ],
    ]);
  });
});

describe('announceLifecycleEvents', () => {
  it('logs every event (warn for marks and acts) and emits each, in order', async () => {
    const lines: Array<Record<string, unknown>> = [];
    const destination = {
      write: (l: string) => lines.push(JSON.parse(l) as Record<string, unknown>),
    };
    const logger = createLogger({
      format: 'json',
      destination: destination as unknown as NodeJS.WritableStream,
    });
    const emitted: LifecycleEvent[] = [];
    const events = lifecycleEvents(
      [outcome('mark', 'web', 'succeeded'), outcome('unmark', 'api', 'succeeded')].map((o) => ({
        ...o,
        action: { ...o.action, group: o.action.resource.name },
      })),
      { keys: CONFORMITY, dryRun: false },
    );
    await announceLifecycleEvents(
      { logger, emit: async (e) => void emitted.push(e as LifecycleEvent) },
      events,
    );
    expect(lines.map((l) => [l['level'], l['event'], l['subject']])).toEqual([
      [40, 'marked', 'web'],
      [30, 'unmarked', 'api'],
    ]);
    expect(emitted).toEqual(events);
  });
});
