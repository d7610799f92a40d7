import { SimianError, type Resource } from '@simian/core';
import { defaultInventorySettings } from './cluster.js';
import { builtinKind } from './kinds/builtin-kinds.js';
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
  const views = kind.views?.(object);
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
    ...(meta.deletionTimestamp ? { deleting: true } : {}),
    ...(views && Object.keys(views).length > 0 ? { views } : {}),
    raw: object,
  };
}

/**
 * The `Resource` a listing makes of `object`, an object of a built-in kind as the API serves it
 * (with its `kind`): for tests and tools that hold objects rather than a cluster, so they see the
 * same refs and views as a run does. Throws a `SimianError` for a kind that is not built in.
 */
export function resourceFromObject(
  object: KubeObject,
  where: { context: string; ownerLabel?: string },
): Resource {
  const kind = object.kind === undefined ? undefined : builtinKind(object.kind);
  if (!kind || kind.kind !== object.kind) {
    throw new SimianError(
      'INPUT_INVALID',
      `"${object.kind ?? 'no kind'}" is not a built-in Kubernetes kind Simian knows (${object.metadata?.name ?? 'unnamed'})`,
      { hint: 'give the object its kind, as the API server writes it: Pod, Deployment, ...' },
    );
  }
  return toResource(kind, cleanObject(kind, object), {
    context: where.context,
    ownerLabel: where.ownerLabel ?? defaultInventorySettings.ownerLabel,
  });
}
