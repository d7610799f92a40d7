import { httpLoad } from './functions/load-http.js';
import { prometheusQuery } from './functions/prometheus-query.js';
import { prometheusQueryInterval } from './functions/prometheus-query-interval.js';
import { httpProviderType } from './providers/http.js';
import { processProviderType } from './providers/process.js';
import { pythonProviderType } from './providers/python.js';
import { ActivityRegistry } from './registry.js';

/**
 * A registry with Chaos Toolkit's provider types (`http`, `process`, `python`) and the Python-named
 * functions core implements. Each is whole in its own file; they are registered here instead of on
 * import because the package has no import side effects. Other packages add theirs to the result:
 * `registry.registerPythonFunction('chaosk8s.pod.actions.terminate_pods', impl)`.
 */
export function createActivityRegistry(): ActivityRegistry {
  return new ActivityRegistry()
    .registerProviderType(httpProviderType)
    .registerProviderType(processProviderType)
    .registerProviderType(pythonProviderType)
    .registerPythonFunction('chaosprometheus.probes.query', prometheusQuery)
    .registerPythonFunction('chaosprometheus.probes.query_interval', prometheusQueryInterval)
    .registerPythonFunction('simian.load.http', httpLoad);
}
