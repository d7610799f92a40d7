import type { ActivityRegistry } from '@simian/core';
import { TERMINATE_PODS, terminatePods } from './terminate-pods.js';

/** The Chaos Toolkit functions the chaos monkey package runs natively, by dotted name. */
export const CHAOS_PYTHON_FUNCTIONS = {
  [TERMINATE_PODS]: terminatePods,
} as const;

/**
 * Adds the chaos monkey's native Chaos Toolkit functions (`chaosk8s.pod.actions.terminate_pods`)
 * to an experiment activity registry. Returns the registry, for chaining.
 */
export function registerChaosActivities(registry: ActivityRegistry): ActivityRegistry {
  for (const [name, fn] of Object.entries(CHAOS_PYTHON_FUNCTIONS)) {
    registry.registerPythonFunction(name, fn);
  }
  return registry;
}
