import { SimianError, type Permission } from '@simian/core';
import type { KubeCluster } from './cluster.js';
import { explainKubeError } from './errors.js';
import { builtinKind } from './kinds/builtin-kinds.js';
import { resourcePath, type KubeObject } from './kinds/kind.js';

/** `configmap://NAMESPACE/NAME/KEY`: a file kept in a ConfigMap (an experiment, seed 002's way). */
export interface ConfigMapKey {
  namespace: string;
  name: string;
  key: string;
}

const SOURCE = /^configmap:\/\/([^/]+)\/([^/]+)\/([^/]+)$/;

/** The parts of a `configmap://ns/name/key` source, or undefined for anything else (a path). */
export function parseConfigMapSource(source: string): ConfigMapKey | undefined {
  const m = SOURCE.exec(source);
  return m ? { namespace: m[1]!, name: m[2]!, key: m[3]! } : undefined;
}

/** What reading it needs: `get` on that one ConfigMap. */
export function configMapKeyPermissions(where: ConfigMapKey): Permission[] {
  return [
    {
      kind: 'rbac',
      group: '',
      resource: 'configmaps',
      verbs: ['get'],
      namespace: where.namespace,
      resourceNames: [where.name],
    },
  ];
}

/** The text under `data[key]` of a ConfigMap. Throws, naming the source, when any part is missing. */
export async function readConfigMapKey(cluster: KubeCluster, where: ConfigMapKey): Promise<string> {
  const kind = builtinKind('ConfigMap')!;
  const source = `configmap://${where.namespace}/${where.name}/${where.key}`;
  let configMap: KubeObject & { data?: Record<string, string> };
  try {
    configMap = await cluster.client.call({
      method: 'GET',
      path: resourcePath(kind, { namespace: where.namespace, name: where.name }),
    });
  } catch (error) {
    throw explainKubeError(
      error,
      {
        context: cluster.name,
        rbacVerb: 'get',
        kind,
        namespace: where.namespace,
        name: where.name,
      },
      'target',
    );
  }
  const text = configMap.data?.[where.key];
  if (text === undefined) {
    throw new SimianError(
      'CONFIG_NOT_FOUND',
      `${source}: the ConfigMap has no key "${where.key}"`,
      {
        hint: `its keys: ${Object.keys(configMap.data ?? {}).join(', ') || 'none'}`,
      },
    );
  }
  return text;
}
