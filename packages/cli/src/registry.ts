import { activitiesFeature } from '@simian/activities';
import { chaosMonkeyFeature } from '@simian/chaos-monkey';
import { conformityMonkeyFeature } from '@simian/conformity-monkey';
import { Registry, type Feature } from '@simian/core';
import { activityRegistryOf, type ActivityRegistry } from '@simian/experiments';
import { janitorMonkeyFeature } from '@simian/janitor-monkey';
import { awsFeature } from '@simian/provider-aws';
import { kubernetesFeature } from '@simian/provider-kubernetes';
import { securityMonkeyFeature } from '@simian/security-monkey';

/**
 * Every feature the `simian` command has: one line per package, which registers everything the
 * package contributes. Core imports none of them. Monkeys run in the order they are listed.
 */
export const FEATURES: readonly Feature[] = [
  kubernetesFeature,
  awsFeature,
  conformityMonkeyFeature,
  chaosMonkeyFeature,
  securityMonkeyFeature,
  janitorMonkeyFeature,
  activitiesFeature,
];

/** A registry with every feature registered. */
export function defaultRegistry(): Registry {
  const registry = new Registry();
  for (const feature of FEATURES) registry.registerFeature(feature);
  return registry;
}

/** Experiment activities: the runner's http/process/python types, plus every feature's functions. */
export function defaultActivities(registry: Registry = defaultRegistry()): ActivityRegistry {
  return activityRegistryOf(registry);
}
