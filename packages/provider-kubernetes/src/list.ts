import type { ListOptions, Resource } from '@simian/core';
import type { KubeCluster } from './cluster.js';
import { explainKubeError } from './errors.js';
import { resourcePath, type KindInfo, type KubeObject } from './kinds/kind.js';
import { KubeApiError } from './rest/api-error.js';
import { cleanObject, toResource } from './to-resource.js';

interface KubeList {
  metadata?: { continue?: string; resourceVersion?: string };
  items?: KubeObject[];
}

/**
 * Every object of `kind` in the cluster, page by page (`limit` + `continue`), filtered by label
 * server-side and by the context's namespace filter. With `namespaces.include` (or
 * `options.namespace`), namespaced kinds are listed one namespace at a time. Throws a `SimianError` when any page fails after
 * retries: a listing is whole or it is an error, never a silent part.
 */
export async function listKind(
  cluster: KubeCluster,
  kind: KindInfo,
  options: ListOptions = {},
): Promise<Resource[]> {
  const include = cluster.config.namespaces?.include;
  const namespaces: Array<string | undefined> = !kind.namespaced
    ? [undefined]
    : options.namespace !== undefined
      ? cluster.allowsNamespace(options.namespace)
        ? [options.namespace]
        : []
      : (include ?? [undefined]);
  const pages = await Promise.all(namespaces.map((ns) => listPages(cluster, kind, ns, options)));
  const where = { context: cluster.name, ownerLabel: cluster.settings.ownerLabel };
  const out: Resource[] = [];
  for (const objects of pages) {
    for (const object of objects) {
      const ns = kind.namespaced
        ? object.metadata?.namespace
        : kind.kind === 'Namespace'
          ? object.metadata?.name
          : undefined;
      if (ns !== undefined && !cluster.allowsNamespace(ns)) continue;
      out.push(toResource(kind, cleanObject(kind, object), where));
    }
  }
  return out;
}

async function listPages(
  cluster: KubeCluster,
  kind: KindInfo,
  namespace: string | undefined,
  options: ListOptions,
): Promise<KubeObject[]> {
  const path = resourcePath(kind, { namespace });
  // A continue token expires after some minutes (410 Gone): start over once, then give up.
  for (let start = 1; ; start++) {
    const items: KubeObject[] = [];
    let token: string | undefined;
    try {
      do {
        const page = await cluster.client.call<KubeList>({
          method: 'GET',
          path,
          query: {
            limit: cluster.settings.pageSize,
            continue: token,
            labelSelector: options.labelSelector,
          },
          ...(options.signal ? { signal: options.signal } : {}),
        });
        for (const item of page.items ?? []) items.push(item);
        token = page.metadata?.continue || undefined;
      } while (token);
      return items;
    } catch (error) {
      const expired = error instanceof KubeApiError && error.status === 410 && token !== undefined;
      if (expired && start < 2) continue;
      throw explainKubeError(
        error,
        { context: cluster.name, rbacVerb: 'list', kind, namespace },
        'target',
      );
    }
  }
}
