import { createActivityRegistry, Registry, type ActivityRegistry } from '@simian/core';

/**
 * Every monkey and provider the `simian` command knows. Each package registers itself here by one
 * line; core imports none of them.
 */
export function defaultRegistry(): Registry {
  const registry = new Registry();
  return registry;
}

/** Experiment activities: core's http/process/Prometheus, plus each package's native functions. */
export function defaultActivities(): ActivityRegistry {
  return createActivityRegistry();
}
