import type { Resource } from '@simian/core';
import { apiVersionOf, refKindOf, type KindInfo, type KubeObject } from './kinds/kind.js';
import { buildRef } from './ref.js';

/**
 * The inventory's copy of an object: the JSON the server sent, with `apiVersion` and `kind` filled
 * in (list items come without them) and `managedFields` dropped (bulky bookkeeping that kubectl
 * hides too), then the kind's own clean-up (a Secret loses its values).
 */
export function cleanObject(kind: KindInfo, object: KubeObject): KubeObject {
  const { managedFields: _managed, ...metadata } = object.metadata ?? {};
  const cleaned: KubeObject = {
    apiVersion: apiVersionOf(kind),
    kind: kind.apiKind,
    ...object,
    metadata,
  };
  return kind.sanitize ? kind.sanitize(cleaned) : cleaned;
}

/** Turns one (cleaned) object into a `Resource`. */
export function toResource(
  kind: KindInfo,
  object: KubeObject,
  where: { context: string; ownerLabel: string },
): Resource {
  const meta = object.metadata ?? {};
  const name = meta.name ?? '';
  const namespace = kind.namespaced ? meta.namespace : undefined;
  const labels = meta.labels ?? {};
  const controller = meta.ownerReferences?.find((o) => o.controller === true);
  const owner = labels[where.ownerLabel];
  return {
    ref: buildRef({
      context: where.context,
      ...(namespace ? { namespace } : {}),
      refKind: refKindOf(kind),
      name,
    }),
    provider: 'kubernetes',
    kind: kind.kind,
    name,
    ...(namespace ? { namespace } : {}),
    context: where.context,
    labels,
    annotations: meta.annotations ?? {},
    marks: meta.annotations ?? {},
    ...(owner ? { owner } : {}),
    ...(controller ? { controller: { kind: controller.kind, name: controller.name } } : {}),
    ...(meta.creationTimestamp ? { createdAt: meta.creationTimestamp } : {}),
    ...(kind.views ? { views: kind.views(object) } : {}),
    raw: object,
  };
}
