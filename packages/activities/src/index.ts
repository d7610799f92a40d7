/**
 * @simian/activities: the Chaos Toolkit functions Simian runs natively, apart from any monkey (as
 * chaostoolkit-kubernetes is apart from chaostoolkit-lib): the `chaosk8s` catalogue and Simian's own
 * `simian.kubernetes.*` functions, `chaosprometheus` probes, and `simian.load.http`.
 */
import type { ActivityRegistry, PythonFunction } from '@simian/experiments';
import { KUBERNETES_FUNCTIONS } from './kubernetes/index.js';
import { LATENCY_FUNCTIONS } from './latency/index.js';
import { httpLoad } from './load/load-http.js';
import { prometheusQuery } from './prometheus/prometheus-query.js';
import { prometheusQueryInterval } from './prometheus/prometheus-query-interval.js';

/** Every function of the pack, by the dotted name experiments call it by. */
export const ACTIVITY_FUNCTIONS: Readonly<Record<string, PythonFunction>> = {
  ...(KUBERNETES_FUNCTIONS as Record<string, PythonFunction>),
  ...(LATENCY_FUNCTIONS as Record<string, PythonFunction>),
  'chaosprometheus.probes.query': prometheusQuery as PythonFunction,
  'chaosprometheus.probes.query_interval': prometheusQueryInterval as PythonFunction,
  'simian.load.http': httpLoad as PythonFunction,
};

/** Adds every function of the pack to `registry`; returns it, for chaining. */
export function registerActivityPack(registry: ActivityRegistry): ActivityRegistry {
  for (const [name, fn] of Object.entries(ACTIVITY_FUNCTIONS)) {
    registry.registerPythonFunction(name, fn);
  }
  return registry;
}

export { KUBERNETES_FUNCTIONS } from './kubernetes/index.js';
export { LATENCY_FUNCTIONS } from './latency/index.js';
export { terminatePods, TERMINATE_PODS } from './kubernetes/terminate-pods.js';
export type { ActivityTargets, ChaosActivityContext } from './kubernetes/activity-targets.js';
export type { HttpLoadOutput } from './load/load-http.js';
