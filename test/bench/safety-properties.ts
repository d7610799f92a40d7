/**
 * The safety properties at scale: 10,000 drawn cases (estates, configs, clocks, kill switch
 * states) through `run`, `plan` + `apply` and experiment activities, for every monkey the CLI
 * registers; `npm test` runs a few hundred of the same. Writes the figures into docs/safety.md.
 *
 *   npm run bench:safety                       # 10,000 cases
 *   SIMIAN_BENCH_CASES=600 npm run bench:safety
 *   SIMIAN_PROPERTY_SEED=123 npm run bench:safety   # replays a seed a failure printed
 */
import fc from 'fast-check';
import { ROADS, safetyCaseArb } from '../../packages/cli/src/__fixtures__/properties/draw.js';
import { runSafetyCase } from '../../packages/cli/src/__fixtures__/properties/run-case.js';
import { loadActivities, loadRegistry } from '../../packages/cli/src/registry.js';
import { writePerformanceSection } from './performance-doc.js';

const total = Number(process.env.SIMIAN_BENCH_CASES ?? 10_000);
const seed = Number(process.env.SIMIAN_PROPERTY_SEED ?? Math.floor(Math.random() * 2 ** 31));
const registry = await loadRegistry();
const activities = await loadActivities(registry);
const monkeys = registry.monkeys().map((m) => m.name);

const figures = { cases: 0, sessions: 0, calls: 0, writes: 0, duplicated: 0, broken: 0 };
const started = performance.now();
for (const road of ROADS) {
  const runs = Math.ceil(total / ROADS.length);
  await fc.assert(
    fc.asyncProperty(safetyCaseArb(monkeys, [road]), async (c) => {
      const report = await runSafetyCase(c, registry, activities);
      figures.cases++;
      figures.sessions += report.sessions;
      figures.calls += report.calls;
      figures.writes += report.writes;
      figures.duplicated += report.duplicated;
      figures.broken += report.broken.length;
      if (report.broken.length > 0) throw new Error(report.broken.join('\n'));
    }),
    { numRuns: runs, seed, endOnFailure: true },
  );
  console.log(`${road}: ${runs} cases, no promise broken`);
}
const seconds = (performance.now() - started) / 1000;
const date = new Date().toISOString().slice(0, 10);
await writePerformanceSection(
  'docs/safety.md',
  'safety-properties',
  `| figure | value |
| --- | --- |
| cases run (estates, configs, clocks, kill switch states) | ${figures.cases} |
| roads | ${ROADS.join(', ')} |
| monkeys | ${monkeys.join(', ')} |
| sessions (runs, plans, applies, experiments) | ${figures.sessions} |
| provider calls judged | ${figures.calls} |
| of which changed something (not dry-run, not refused) | ${figures.writes} |
| actions applied twice | ${figures.duplicated} |
| promises broken | ${figures.broken} |

Measured on ${date} with \`npm run bench:safety\` (seed ${seed}, ${seconds.toFixed(0)} s on this machine).`,
);
console.log(JSON.stringify({ ...figures, seed, seconds }));
