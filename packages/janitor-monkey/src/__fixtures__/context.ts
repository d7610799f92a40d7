// What the engine hands the janitor, from a simian.yaml snippet, for unit tests over memory
// providers; and resources made by the providers' own conversions.
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
import { resourceFromObject } from '@simian/provider-kubernetes';
import { janitorMonkey } from '../monkey.js';
import type { JanitorPlanContext } from '../plan-janitor.js';

/** Every day, all day: tests must not depend on the hour they run at. */
export const ALWAYS =
  '{ days: [sun, mon, tue, wed, thu, fri, sat], hours: { start: "00:00", end: "24:00" } }';

export const registry = () => new Registry().registerMonkey(janitorMonkey);

/** simian.yaml with the janitor enabled; `own` is indented under monkeys.janitor. */
export function configWith(own = '', top = ''): SimianConfig {
  const indented = own
    .split('\n')
    .map((l) => (l ? `    ${l}` : l))
    .join('\n');
  const text = `version: 1
${top}
monkeys:
  janitor:
    enabled: true
    schedule:
      windows: ${ALWAYS}
      minTimeBetweenActions: 0s
${indented}`;
  return parseConfigText(text, '/tmp/simian-janitor-unit.yaml', registry(), { env: {} });
}

/** A plan context over `providers`, as the engine would build it. */
export function planContext(
  config: SimianConfig,
  providers: Provider[],
  now: Date,
): JanitorPlanContext {
  return {
    runId: 'unit',
    config: monkeyConfigOf(config, janitorMonkey) as unknown as JanitorPlanContext['config'],
    global: config,
    inventory: new Inventory(providers),
    now,
    rng: seededRng(1),
    logger: silentLogger(),
    signal: new AbortController().signal,
  };
}

export const T0 = new Date('2026-11-02T10:00:00Z');
export const DAY = 86_400_000;
export const at = (days: number) => new Date(T0.getTime() + days * DAY);

/** A Kubernetes object as the API server sends it, made a Resource by the provider's conversion. */
export function kube(
  kind: string,
  name: string,
  rest: Record<string, unknown> = {},
  meta: Record<string, unknown> = {},
): Resource {
  const apiVersion =
    { Deployment: 'apps/v1', StatefulSet: 'apps/v1', Job: 'batch/v1', CronJob: 'batch/v1' }[kind] ??
    'v1';
  const namespaced = kind !== 'Namespace' && kind !== 'PersistentVolume';
  return resourceFromObject(
    {
      apiVersion,
      kind,
      metadata: {
        name,
        ...(namespaced ? { namespace: 'shop' } : {}),
        creationTimestamp: at(-100).toISOString(),
        ...meta,
      },
      ...rest,
    },
    { context: 'test' },
  );
}

/** A pod spec mounting `volumes`. */
export const podWith = (volumes: unknown[], extra: Record<string, unknown> = {}) => ({
  spec: { containers: [{ name: 'main', image: 'busybox' }], volumes, ...extra },
  status: { phase: 'Running' },
});
