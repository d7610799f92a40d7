import { describe, expect, it } from 'vitest';
import { decideOptIn } from './opt-in.js';
import { readOverrides } from './overrides.js';

type OptIn = { mode: 'opt-in' | 'opt-out'; label: string };
const optIn: OptIn = { mode: 'opt-in', label: 'chaos.simian.dev/enabled' };
const optOut: OptIn = { mode: 'opt-out', label: 'chaos.simian.dev/enabled' };
const decide = (labels: Array<Record<string, string>>, mode = optIn) =>
  decideOptIn(
    labels.map((l, i) => ({
      what: i === 0 ? 'Deployment shop/web' : 'its pod template',
      labels: l,
    })),
    mode,
    'simian.dev/opt-out',
  );

describe('opt-in and opt-out', () => {
  it('opts in with the label on the workload or on its pod template', () => {
    expect(decide([{ 'chaos.simian.dev/enabled': 'true' }, {}])).toEqual({
      eligible: true,
      reason: 'opted in: Deployment shop/web has chaos.simian.dev/enabled=true',
    });
    expect(decide([{}, { 'chaos.simian.dev/enabled': 'yes' }]).eligible).toBe(true);
    expect(decide([{}, {}])).toEqual({
      eligible: false,
      reason: 'not opted in: chaos.simian.dev/enabled=true is missing',
    });
  });

  it('lets an explicit no win over a yes, and the global opt-out over everything', () => {
    expect(
      decide([{ 'chaos.simian.dev/enabled': 'true' }, { 'chaos.simian.dev/enabled': 'false' }]),
    ).toEqual({
      eligible: false,
      reason: 'opted out: its pod template has chaos.simian.dev/enabled=false',
    });
    expect(
      decide([{ 'chaos.simian.dev/enabled': 'true', 'simian.dev/opt-out': 'true' }], optOut),
    ).toEqual({
      eligible: false,
      reason: 'opted out: Deployment shop/web has simian.dev/opt-out=true',
    });
  });

  it('in opt-out mode takes what says nothing, and leaves what says no', () => {
    expect(decide([{}], optOut).eligible).toBe(true);
    expect(decide([{ 'chaos.simian.dev/enabled': 'off' }], optOut).eligible).toBe(false);
  });
});

describe('override labels', () => {
  it('reads annotations before labels, so an annotation can hold "percent:30"', () => {
    const { overrides, problems } = readOverrides(
      [{ 'chaos.simian.dev/kill-mode': 'percent:30' }, { 'chaos.simian.dev/kill-mode': 'one' }],
      ['evict', 'delete'],
    );
    expect(problems).toEqual([]);
    expect(overrides.killMode).toEqual({ kind: 'percent', percent: 30 });
  });

  it('names every value it cannot read', () => {
    const { problems } = readOverrides(
      [
        {
          'chaos.simian.dev/mtbf': 'often',
          'chaos.simian.dev/kill-method': 'shoot',
        },
      ],
      ['evict', 'delete'],
    );
    expect(problems).toEqual([
      'chaos.simian.dev/mtbf="often" must be a duration such as "4h", "2d" or "1w"',
      'chaos.simian.dev/kill-method="shoot" must be one of evict, delete',
    ]);
  });
});
