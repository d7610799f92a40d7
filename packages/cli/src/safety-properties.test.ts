import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ROADS, safetyCaseArb } from './__fixtures__/properties/draw.js';
import { MONKEY_PROPERTIES } from './__fixtures__/properties/monkey-properties.js';
import { runSafetyCase } from './__fixtures__/properties/run-case.js';
import { loadActivities, loadRegistry } from './registry.js';

// The promises of docs/safety.md, as properties over random estates, configs, clocks and kill
// switch states, for every monkey the `simian` command registers, through `run`, `plan` + `apply`
// and experiment activities. A few hundred cases here; `npm run bench:safety` runs 10,000.
// On a failure fast-check prints the seed and path: SIMIAN_PROPERTY_SEED=... replays it.
const registry = await loadRegistry();
const activities = await loadActivities(registry);
const monkeys = registry.monkeys().map((m) => m.name);
const runs = Number(process.env.SIMIAN_PROPERTY_RUNS ?? 100);
const seed = process.env.SIMIAN_PROPERTY_SEED
  ? Number(process.env.SIMIAN_PROPERTY_SEED)
  : Math.floor(Math.random() * 2 ** 31);

describe('the safety promises over random estates', () => {
  it('cover every registered monkey', () => {
    expect(monkeys.filter((m) => !MONKEY_PROPERTIES[m])).toEqual([]);
  });

  it.each(ROADS)(
    '%s: no action out of scope, protected, opted out or not opted in, beyond the blast radius or a budget, outside the window, under the kill switch, for real in dry-run, or without its ledger rows',
    async (road) => {
      let cases = 0;
      let calls = 0;
      await fc.assert(
        fc.asyncProperty(safetyCaseArb(monkeys, [road]), async (c) => {
          const report = await runSafetyCase(c, registry, activities);
          cases++;
          calls += report.calls;
          expect(report.broken).toEqual([]);
        }),
        { numRuns: runs, seed },
      );
      // Not vacuous: the drawn cases reach the providers.
      expect(cases).toBeGreaterThanOrEqual(runs);
      expect(calls).toBeGreaterThan(0);
    },
    300_000,
  );
});
