import type { Feature, Registry } from '@simian/core';
import type { ActivityRegistry } from '@simian/experiments';

/**
 * One feature of the `simian` command. Its package is imported only when a command needs the
 * registry (`await import()`), so `simian --help`, `schema`, `scan` and `completion` load no
 * provider, no SDK and no sandbox.
 */
export interface FeatureEntry {
  /** The feature's own name (`Feature.name`), so it can be listed without loading it. */
  readonly name: string;
  load(): Promise<Feature>;
}

/**
 * Every feature the `simian` command has: one line per package, which registers everything the
 * package contributes. Core imports none of them. Monkeys run in the order they are listed.
 */
export const FEATURES: readonly FeatureEntry[] = [
  {
    name: 'provider-kubernetes',
    load: async () => (await import('@simian/provider-kubernetes')).kubernetesFeature,
  },
  { name: 'provider-aws', load: async () => (await import('@simian/provider-aws')).awsFeature },
  {
    name: 'conformity-monkey',
    load: async () => (await import('@simian/conformity-monkey')).conformityMonkeyFeature,
  },
  {
    name: 'chaos-monkey',
    load: async () => (await import('@simian/chaos-monkey')).chaosMonkeyFeature,
  },
  {
    name: 'security-monkey',
    load: async () => (await import('@simian/security-monkey')).securityMonkeyFeature,
  },
  {
    name: 'latency-monkey',
    load: async () => (await import('@simian/latency-monkey')).latencyMonkeyFeature,
  },
  {
    name: 'janitor-monkey',
    load: async () => (await import('@simian/janitor-monkey')).janitorMonkeyFeature,
  },
  { name: 'activities', load: async () => (await import('@simian/activities')).activitiesFeature },
];

/** A registry with every feature registered; the features' packages are imported now. */
export async function loadRegistry(): Promise<Registry> {
  const [{ Registry }, ...features] = await Promise.all([
    import('@simian/core'),
    ...FEATURES.map(async (entry) => entry.load()),
  ]);
  const registry = new Registry();
  for (const feature of features) registry.registerFeature(feature);
  return registry;
}

/** Experiment activities: the runner's http/process/python types, plus every feature's functions. */
export async function loadActivities(registry?: Registry): Promise<ActivityRegistry> {
  const { activityRegistryOf } = await import('@simian/experiments');
  return activityRegistryOf(registry ?? (await loadRegistry()));
}
