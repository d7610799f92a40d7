import {
  Inventory,
  monkeyConfigOf,
  parseConfigText,
  Registry,
  seededRng,
  silentLogger,
  type Provider,
  type SimianConfig,
} from '@simian/core';
import { latencyMonkey } from '../monkey.js';
import type { LatencyPlanContext } from '../name.js';

/** Monday 10:00 UTC: inside the default business-hours window. */
export const MONDAY_10_UTC = new Date('2026-11-23T10:00:00Z');

export const latencyRegistry = (): Registry => new Registry().registerMonkey(latencyMonkey);

/** simian.yaml with `monkeys.latency` enabled and `yaml` (indented by 4) under it. */
export function latencyConfig(yaml = '', top = ''): SimianConfig {
  return parseConfigText(
    `version: 1\n${top}monkeys:\n  latency:\n    enabled: true\n    schedule:\n      timezone: UTC\n${yaml}`,
    '/tmp/simian.yaml',
    latencyRegistry(),
    { env: {} },
  );
}

export function latencyContext(
  providers: Provider[],
  options: { yaml?: string; top?: string; seed?: number; now?: Date } = {},
): LatencyPlanContext {
  const global = latencyConfig(options.yaml, options.top);
  return {
    runId: 'run-20261123-abcdef',
    config: monkeyConfigOf(global, latencyMonkey) as unknown as LatencyPlanContext['config'],
    global,
    inventory: new Inventory(providers),
    now: options.now ?? MONDAY_10_UTC,
    rng: seededRng(options.seed ?? 1),
    logger: silentLogger(),
    signal: new AbortController().signal,
  };
}
