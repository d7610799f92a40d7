import { SimianError, type ReportObject, type ReportObjectSync } from '@simian/core';
import type { KubeCluster } from './cluster.js';
import { explainKubeError } from './errors.js';
import { resourcePath, type KindInfo, type KubeObject } from './kinds/kind.js';
import { isNotFound } from './rest/api-error.js';

/** The field manager of Simian's server-side applies. */
const FIELD_MANAGER = 'simian';

const selectorOf = (labels: Record<string, string>) =>
  Object.entries(labels)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');

/**
 * Makes Simian's report objects in one cluster exactly `objects`: each is server-side applied
 * (created or replaced, field manager `simian`), and objects of `sync.kinds` carrying
 * `sync.labels` that are not among them are deleted, so a namespace whose findings are gone keeps
 * no stale report. Only objects that carry the labels are ever deleted; namespaces outside the
 * target's filter are neither written nor cleaned.
 */
export async function syncReportObjects(
  cluster: KubeCluster,
  objects: readonly ReportObject[],
  sync: ReportObjectSync,
): Promise<{ applied: number; deleted: number }> {
  const kinds = new Map<string, KindInfo>();
  for (const name of sync.kinds) {
    try {
      const info = await cluster.kind(name, sync.signal);
      kinds.set(`${info.group}/${info.version}/${info.apiKind}`, info);
    } catch (e) {
      throw new SimianError(
        'TARGET_ERROR',
        `kubernetes (context ${cluster.name}): cannot write ${name}: ${(e as Error).message}`,
        {
          hint: 'install its CustomResourceDefinition (Kyverno or Policy Reporter installs PolicyReport; OpenReports ships its own)',
          cause: e,
        },
      );
    }
  }
  for (const o of objects) {
    const kind = kinds.get(`${o.apiVersion}/${o.kind}`);
    const missing = Object.entries(sync.labels).filter(([k, v]) => o.metadata.labels?.[k] !== v);
    if (!kind || missing.length > 0) {
      throw new SimianError(
        'INPUT_INVALID',
        `report object ${o.kind}/${o.metadata.name} is not of the kinds and labels being synced`,
      );
    }
  }
  let applied = 0;
  const kept = new Set<string>();
  for (const o of objects) {
    const kind = kinds.get(`${o.apiVersion}/${o.kind}`)!;
    const namespace = kind.namespaced ? o.metadata.namespace : undefined;
    if (namespace !== undefined && !cluster.allowsNamespace(namespace)) continue;
    try {
      await cluster.client.call<KubeObject>({
        method: 'PATCH',
        path: resourcePath(kind, { namespace, name: o.metadata.name }),
        query: { fieldManager: FIELD_MANAGER, force: true },
        contentType: 'application/apply-patch+yaml',
        body: o,
        ...(sync.signal ? { signal: sync.signal } : {}),
      });
    } catch (error) {
      throw explainKubeError(
        error,
        { context: cluster.name, rbacVerb: 'patch', kind, namespace, name: o.metadata.name },
        'target',
      );
    }
    kept.add(`${kind.apiKind}/${namespace ?? ''}/${o.metadata.name}`);
    applied += 1;
  }
  let deleted = 0;
  for (const kind of kinds.values()) {
    const list = await cluster.client.call<{ items?: KubeObject[] }>({
      method: 'GET',
      path: resourcePath(kind),
      query: { labelSelector: selectorOf(sync.labels) },
      ...(sync.signal ? { signal: sync.signal } : {}),
    });
    for (const item of list.items ?? []) {
      const name = item.metadata?.name ?? '';
      const namespace = kind.namespaced ? item.metadata?.namespace : undefined;
      if (kept.has(`${kind.apiKind}/${namespace ?? ''}/${name}`)) continue;
      if (namespace !== undefined && !cluster.allowsNamespace(namespace)) continue;
      try {
        await cluster.client.call({
          method: 'DELETE',
          path: resourcePath(kind, { namespace, name }),
          ...(sync.signal ? { signal: sync.signal } : {}),
        });
        deleted += 1;
      } catch (error) {
        if (!isNotFound(error)) {
          throw explainKubeError(
            error,
            { context: cluster.name, rbacVerb: 'delete', kind, namespace, name },
            'target',
          );
        }
      }
    }
  }
  return { applied, deleted };
}
