import { httpProviderType } from './providers/http.js';
import { processProviderType } from './providers/process.js';
import { pythonProviderType } from './providers/python.js';
import type { Registry } from '@simian/core';
import { ActivityRegistry, type PythonFunction } from './registry.js';

/**
 * A registry with Chaos Toolkit's provider types (`http`, `process`, `python`). Each is whole in its
 * own file; they are registered here instead of on import because the package has no import side
 * effects. Activity packs add their Python-named functions to the result
 * (`registerActivityPack(createActivityRegistry())` in `@simian/activities`).
 */
export function createActivityRegistry(): ActivityRegistry {
  return new ActivityRegistry()
    .registerProviderType(httpProviderType)
    .registerProviderType(processProviderType)
    .registerProviderType(pythonProviderType);
}

/**
 * The provider types plus every activity function the features of `registry` contributed, each
 * checked as it is registered (a strict arguments schema, a dotted name).
 */
export function activityRegistryOf(registry: Registry): ActivityRegistry {
  const activities = createActivityRegistry();
  for (const [name, fn] of registry.activityFunctions()) {
    activities.registerPythonFunction(name, fn as PythonFunction);
  }
  return activities;
}
