import { SimianError, type LogReadOptions, type ResourceRef } from '@simian/core';
import type { KubeCluster } from './cluster.js';
import { explainKubeError } from './errors.js';
import { resourcePath } from './kinds/kind.js';
import { parseRef } from './ref.js';

/**
 * One container's log, from `pods/<name>/log`: the API server fetches it from the node's kubelet.
 * Only Pods have logs; a ref of any other kind is an error that says so.
 */
export async function readPodLog(
  cluster: KubeCluster,
  ref: ResourceRef,
  options: LogReadOptions = {},
): Promise<string> {
  const parsed = parseRef(ref);
  const kind = await cluster.refKind(parsed.refKind, options.signal);
  if (kind.kind !== 'Pod' || kind.group !== '') {
    throw new SimianError('INPUT_INVALID', `${ref} has no log: only a Pod's containers do`, {
      hint: 'read the log of one of its pods',
    });
  }
  try {
    return await cluster.client.call<string>({
      method: 'GET',
      path: resourcePath(kind, {
        namespace: parsed.namespace,
        name: parsed.name,
        subresource: 'log',
      }),
      query: {
        container: options.container,
        previous: options.previous || undefined,
        sinceSeconds: options.sinceSeconds,
        timestamps: options.timestamps || undefined,
        tailLines: options.tailLines,
        limitBytes: options.limitBytes,
      },
      responseType: 'text',
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (error) {
    throw explainKubeError(
      error,
      {
        context: cluster.name,
        rbacVerb: 'get',
        kind,
        namespace: parsed.namespace,
        name: parsed.name,
        subresource: 'log',
        action: 'read the log of',
      },
      'target',
    );
  }
}
