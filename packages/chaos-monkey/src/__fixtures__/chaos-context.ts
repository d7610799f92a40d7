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
import type { ChaosConfig } from '../config.js';
import { chaosMonkey } from '../monkey.js';
import type { ChaosPlanContext } from '../plan-part.js';

/** Monday 10:00 UTC: inside the default business-hours window. */
export const MONDAY_10_UTC = new Date('2026-11-23T10:00:00Z');

/** A registry with the chaos monkey, as the CLI builds it. */
export const chaosRegistry = (): Registry => new Registry().registerMonkey(chaosMonkey);

/**
 * simian.yaml with `monkeys.chaos` enabled and `chaosYaml` (indented by 4) under it, and `top`
 * (indented by 0) before `monkeys:`.
 */
export function chaosConfig(chaosYaml = '', top = ''): SimianConfig {
  return parseConfigText(
    `version: 1\n${top}monkeys:\n  chaos:\n    enabled: true\n    schedule:\n      timezone: UTC\n${chaosYaml}`,
    '/tmp/simian.yaml',
    chaosRegistry(),
    { env: {} },
  );
}

/** A plan context over `providers`, with a seeded rng. */
export function chaosContext(
  providers: Provider[],
  options: { yaml?: string; top?: string; seed?: number; now?: Date } = {},
): ChaosPlanContext {
  const global = chaosConfig(options.yaml, options.top);
  return {
    runId: 'test-run',
    config: monkeyConfigOf(global, chaosMonkey) as unknown as ChaosPlanContext['config'],
    global,
    inventory: new Inventory(providers),
    now: options.now ?? MONDAY_10_UTC,
    rng: seededRng(options.seed ?? 1),
    logger: silentLogger(),
    signal: new AbortController().signal,
  };
}

export type { ChaosConfig };
