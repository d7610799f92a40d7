/**
 * @simian/activities: the Chaos Toolkit functions Simian runs natively, apart from any monkey (as
 * chaostoolkit-kubernetes is apart from chaostoolkit-lib): the `chaosk8s` catalogue and Simian's own
 * `simian.kubernetes.*` functions, `chaosprometheus` probes, and `simian.load.http`.
 */
import type { ActivityRegistry } from '@simian/experiments';
import { ACTIVITY_FUNCTIONS } from './functions.js';

/** Adds every function of the pack to `registry`; returns it, for chaining. */
export function registerActivityPack(registry: ActivityRegistry): ActivityRegistry {
  for (const [name, fn] of Object.entries(ACTIVITY_FUNCTIONS)) {
    registry.registerPythonFunction(name, fn);
  }
  return registry;
}

export { ACTIVITY_FUNCTIONS } from './functions.js';
export { activitiesFeature } from './feature.js';
export { KUBERNETES_FUNCTIONS } from './kubernetes/index.js';
export { LATENCY_FUNCTIONS } from './latency/index.js';
export { terminatePods, TERMINATE_PODS } from './kubernetes/terminate-pods.js';
export type { ActivityTargets, ChaosActivityContext } from './kubernetes/activity-targets.js';
export type { HttpLoadOutput } from './load/load-http.js';
