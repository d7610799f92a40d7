// Builds what the engine hands the security monkey, from a simian.yaml snippet, for unit tests
// that call planSecurity over memory providers.
import {
  Inventory,
  monkeyConfigOf,
  parseConfigText,
  Registry,
  seededRng,
  silentLogger,
  type Provider,
  type Resource,
  type SimianConfig,
} from '@simian/core';
import { securityMonkey } from '../monkey.js';
import type { SecurityPlanContext } from '../plan-security.js';

export const ALWAYS =
  '{ days: [sun, mon, tue, wed, thu, fri, sat], hours: { start: "00:00", end: "24:00" } }';

/** simian.yaml with the security monkey enabled; `yaml` is indented under monkeys.security. */
export function configWith(yaml = '', top = '', windows = ALWAYS): SimianConfig {
  const own = yaml
    .split('\n')
    .map((l) => (l ? `    ${l}` : l))
    .join('\n');
  const text = `version: 1
${top}
monkeys:
  security:
    enabled: true
    schedule:
      windows: ${windows}
${own}`;
  return parseConfigText(
    text,
    '/tmp/simian-security-unit.yaml',
    new Registry().registerMonkey(securityMonkey),
    {
      env: {},
    },
  );
}

export function planContext(
  config: SimianConfig,
  providers: Provider[],
  now = new Date(),
): SecurityPlanContext {
  return {
    runId: 'unit',
    config: monkeyConfigOf(config, securityMonkey) as unknown as SecurityPlanContext['config'],
    global: config,
    inventory: new Inventory(providers),
    now,
    rng: seededRng(1),
    logger: silentLogger(),
    signal: new AbortController().signal,
  };
}

/** A Kubernetes resource with a raw object and views, in context `test`. */
export function k8s(
  kind: string,
  name: string,
  namespace: string | undefined,
  raw: unknown,
  extra: Partial<Resource> = {},
): Resource {
  return {
    ref: `k8s:test/${namespace ?? '_'}/${kind}/${name}`,
    provider: 'kubernetes',
    kind,
    name,
    ...(namespace ? { namespace } : {}),
    context: 'test',
    labels: {},
    annotations: {},
    raw,
    ...extra,
  };
}
