import type { KubeCluster } from './cluster.js';
import { explainKubeError } from './errors.js';
import { builtinKind } from './kinds/builtin-kinds.js';
import { resourcePath, type KubeObject } from './kinds/kind.js';
import { isNotFound } from './rest/api-error.js';

/**
 * Why the context's kill-switch ConfigMap is engaged (`data.engaged: "true"`), or undefined when it
 * is not configured, absent, or says anything else. A failed read throws: core then treats the
 * switch as engaged (fail closed).
 */
export async function readKillSwitch(cluster: KubeCluster): Promise<string | undefined> {
  const where = cluster.config.killSwitchConfigMap;
  if (!where) return undefined;
  const kind = builtinKind('ConfigMap')!;
  let configMap: KubeObject & { data?: Record<string, string> };
  try {
    configMap = await cluster.client.call({ method: 'GET', path: resourcePath(kind, where) });
  } catch (error) {
    if (isNotFound(error)) return undefined;
    throw explainKubeError(
      error,
      { context: cluster.name, rbacVerb: 'get', kind, ...where },
      'target',
    );
  }
  const engaged = configMap.data?.engaged?.trim().toLowerCase();
  if (engaged !== 'true') return undefined;
  return `ConfigMap ${where.namespace}/${where.name} in context ${cluster.name} has data.engaged="true"`;
}
