// One drawn case of the safety properties: an estate, a config, a clock, a kill switch, a road.
import fc from 'fast-check';
import {
  ACCOUNTS,
  CONTEXTS,
  estateSpecArb,
  LABELS,
  NAMESPACES,
  REGIONS,
  type EstateSpec,
} from './estate.js';
import { MONKEY_PROPERTIES } from './monkey-properties.js';

export const ROADS = ['run', 'plan-apply', 'experiment'] as const;
export type Road = (typeof ROADS)[number];
const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

const EVERYTHING = { include: [] as string[], exclude: [] as string[] };
/** Mostly "everything" (so monkeys act), sometimes a drawn include/exclude. */
const includeExclude = <T extends string>(pool: readonly T[]) =>
  fc.oneof(
    { weight: 4, arbitrary: fc.constant(EVERYTHING) },
    {
      weight: 1,
      arbitrary: fc.record({
        include: fc.subarray([...pool], { maxLength: 2 }),
        exclude: fc.subarray([...pool], { maxLength: 1 }),
      }),
    },
  );
const ALWAYS = {
  days: ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'],
  hours: { start: '00:00', end: '24:00' },
  holidays: [] as string[],
};

/** `simian.yaml` as an object (JSON is YAML), before the monkeys' sections. */
const globalConfigArb = fc.record({
  dryRun: fc.constantFrom(undefined, undefined, true, false),
  safety: fc.record({
    scope: fc.record({
      namespaces: includeExclude([...NAMESPACES, 'team-*']),
      contexts: includeExclude(CONTEXTS),
      accounts: includeExclude(ACCOUNTS),
      regions: includeExclude(REGIONS),
    }),
    protected: fc.record({
      namespaces: fc.oneof(
        { weight: 3, arbitrary: fc.constant<string[]>([]) },
        { weight: 1, arbitrary: fc.subarray(['shop', 'payments']) },
      ),
      labels: fc.constant({ [LABELS.protected]: 'true' }),
    }),
    blastRadius: fc.record({
      maxActionsPerRun: fc.integer({ min: 0, max: 6 }),
      maxGroupShare: fc.constantFrom(0.25, 0.5, 1),
      minHealthy: fc.constantFrom(0, 0, 1, 2),
    }),
  }),
});

const hour = fc.integer({ min: 0, max: 24 }).map((h) => `${String(h).padStart(2, '0')}:00`);

const monkeyBaseArb = fc.record({
  dryRun: fc.constantFrom(undefined, true, false, false),
  schedule: fc.record({
    timezone: fc.constant('UTC'),
    windows: fc.oneof(
      { weight: 1, arbitrary: fc.constant(ALWAYS) },
      {
        weight: 2,
        arbitrary: fc
          .record({
            days: fc.subarray([...DAYS], { minLength: 1 }),
            a: hour,
            b: hour,
            holidays: fc.subarray(['2026-11-24', '2026-11-26']),
          })
          // Start before end: the oracle reads a same-day window (overnight ones have unit tests).
          .filter((w) => w.a < w.b)
          .map(({ days, a, b, holidays }) => ({ days, hours: { start: a, end: b }, holidays })),
      },
    ),
    minTimeBetweenActions: fc.constantFrom('0s', '30m', '1h'),
  }),
  safety: fc.oneof(
    { weight: 2, arbitrary: fc.constant({}) },
    {
      weight: 1,
      arbitrary: fc.record(
        {
          optInLabel: fc.constant(LABELS.customOptIn),
          blastRadius: fc.record({ maxActionsPerRun: fc.integer({ min: 0, max: 4 }) }),
          scope: fc.record({ namespaces: includeExclude([...NAMESPACES]) }),
        },
        { requiredKeys: [] },
      ),
    },
  ),
});

/** When the kill switch is engaged: never, from the start, or after so many provider calls. */
export type KillSwitchPlan = { at: 'never' } | { at: 'start' } | { at: 'call'; after: number };

export interface SafetyCase {
  road: Road;
  estate: EstateSpec;
  /** simian.yaml as an object. */
  config: Record<string, unknown>;
  monkeys: string[];
  /** The first session's clock; the second runs `later` ms after. */
  now: Date;
  later: number;
  killSwitch: KillSwitchPlan;
  /** `--dry-run` / `--no-dry-run`, or neither. */
  dryRunFlag: boolean | undefined;
  /** Resources (by index in the estate) opted out between plan and apply, or between sessions. */
  optOutBetween: number[];
  /** The experiment's method: terminate pods in a namespace, maybe by label. */
  experiment: { context: string; ns: string; selector: string | undefined; all: boolean };
}

/** A case for the monkeys `names` (those registered), on `roads`. */
export function safetyCaseArb(
  names: readonly string[],
  roads: readonly Road[] = ROADS,
): fc.Arbitrary<SafetyCase> {
  const sections = names.map((name) => {
    const own = MONKEY_PROPERTIES[name];
    if (!own)
      throw new Error(`no property generator for monkey "${name}": add it to MONKEY_PROPERTIES`);
    return fc
      .tuple(monkeyBaseArb, own.config)
      .map(
        ([base, config]) => [name, { enabled: true, ...stripUndefined(base), ...config }] as const,
      );
  });
  return fc
    .record({
      road: fc.constantFrom(...roads),
      estate: estateSpecArb,
      global: globalConfigArb,
      sections: fc.tuple(...sections),
      monkeys: fc.subarray([...names], { minLength: 1 }),
      now: fc.date({
        min: new Date('2026-11-22T00:00:00Z'),
        max: new Date('2026-11-28T23:59:00Z'),
        noInvalidDate: true,
      }),
      later: fc.constantFrom(60_000, 45 * 60_000, 2 * 3_600_000),
      killSwitch: fc.oneof(
        { weight: 6, arbitrary: fc.constant<KillSwitchPlan>({ at: 'never' }) },
        { weight: 1, arbitrary: fc.constant<KillSwitchPlan>({ at: 'start' }) },
        {
          weight: 2,
          arbitrary: fc
            .integer({ min: 0, max: 3 })
            .map<KillSwitchPlan>((after) => ({ at: 'call', after })),
        },
      ),
      dryRunFlag: fc.constantFrom(undefined, undefined, true, false),
      optOutBetween: fc.array(fc.nat(60), { maxLength: 4 }),
      experiment: fc.record({
        context: fc.constantFrom(...CONTEXTS),
        ns: fc.constantFrom(...NAMESPACES),
        selector: fc.constantFrom(undefined, `${LABELS.optIn}=true`, 'app=w0'),
        all: fc.boolean(),
      }),
    })
    .map(({ global, sections, monkeys, ...rest }) => ({
      ...rest,
      monkeys,
      config: {
        version: 1,
        ...stripUndefined(global),
        monkeys: Object.fromEntries(
          sections.map(([name, section]) => [
            name,
            { ...section, enabled: monkeys.includes(name) },
          ]),
        ),
      },
    }));
}

function stripUndefined<T extends object>(o: T): T {
  return JSON.parse(JSON.stringify(o)) as T;
}
