// Builds what the engine hands the monkey, from a simian.yaml snippet, for unit tests that call
// planConformity and recheckConformity directly or run the real engine over memory providers.
import {
  Inventory,
  monkeyConfigOf,
  parseConfigText,
  Registry,
  runMonkeys,
  seededRng,
  silentLogger,
  Store,
  type Provider,
  type Reporter,
  type RunResult,
  type SimianConfig,
} from '@simian/core';
import type { ConformityConfig } from '../config.js';
import { conformityMonkey } from '../monkey.js';
import type { ConformityPlanContext } from '../plan-conformity.js';

/** Every day, all day: tests must not depend on the hour they run at. */
const ALWAYS =
  '{ days: [sun, mon, tue, wed, thu, fri, sat], hours: { start: "00:00", end: "24:00" } }';

export const registry = () => new Registry().registerMonkey(conformityMonkey);

/** simian.yaml with the conformity monkey enabled; `yaml` is indented under monkeys.conformity. */
export function configWith(yaml = '', top = ''): SimianConfig {
  const own = yaml
    .split('\n')
    .map((l) => (l ? `    ${l}` : l))
    .join('\n');
  const text = `version: 1
${top}
monkeys:
  conformity:
    enabled: true
    schedule:
      windows: ${ALWAYS}
      minTimeBetweenActions: 0s
${own}`;
  return parseConfigText(text, '/tmp/simian-conformity-unit.yaml', registry(), { env: {} });
}

/** A plan context over `providers`, as the engine would build it. */
export function planContext(
  config: SimianConfig,
  providers: Provider[],
  now: Date,
): ConformityPlanContext {
  return {
    runId: 'unit',
    config: monkeyConfigOf(config, conformityMonkey) as unknown as ConformityPlanContext['config'],
    global: config,
    inventory: new Inventory(providers),
    now,
    rng: seededRng(1),
    logger: silentLogger(),
    signal: new AbortController().signal,
  };
}

/** One run of the real engine over `providers`, told to `reporters` (none unless given). */
export function run(
  config: SimianConfig,
  providers: Provider[],
  now: Date,
  store = new Store(':memory:'),
  reporters: Reporter[] = [],
): Promise<RunResult> {
  return runMonkeys({
    config,
    registry: registry(),
    store,
    logger: silentLogger(),
    mode: 'run',
    providers,
    now,
    env: {},
    reporters,
  });
}

export type { ConformityConfig };
