import { SimianError, type RefParts, type ResourceRef } from '@simian/core';
import { builtinKind } from './kinds/builtin-kinds.js';
import { parseCustomKind } from './kinds/custom-kinds.js';
import { refKindOf, unknownKind } from './kinds/kind.js';

/** The parts of a Kubernetes ref. */
export interface KubeRef {
  context: string;
  /** Absent for cluster-scoped kinds (written `_`). */
  namespace?: string;
  /** `Pod`, or `NetworkChaos.v1alpha1.chaos-mesh.org` for a custom resource. */
  refKind: string;
  name: string;
}

const prefix = 'k8s:';
const clusterScoped = '_';

/**
 * `k8s:<context>/<namespace or _>/<Kind>/<name>`. Namespaces, kinds and names never contain a
 * slash, so a ref is read from the right and a context may (an EKS context is an ARN with one).
 */
export function buildRef(ref: KubeRef): ResourceRef {
  return `${prefix}${ref.context}/${ref.namespace ?? clusterScoped}/${ref.refKind}/${ref.name}`;
}

/** The parts of `ref`; throws a `SimianError` naming the ref if it is not a Kubernetes ref. */
export function parseRef(ref: ResourceRef): KubeRef {
  const parts = ref.startsWith(prefix) ? ref.slice(prefix.length).split('/') : [];
  if (parts.length < 4 || parts.some((p) => p === '')) {
    throw new SimianError('INPUT_INVALID', `"${ref}" is not a Kubernetes ref`, {
      hint: 'a Kubernetes ref reads k8s:<context>/<namespace or _>/<Kind>/<name>',
    });
  }
  const name = parts.pop()!;
  const refKind = parts.pop()!;
  const namespace = parts.pop()!;
  return {
    context: parts.join('/'),
    ...(namespace === clusterScoped ? {} : { namespace }),
    refKind,
    name,
  };
}

/** Whether `ref` is a Kubernetes ref at all. */
export const isKubeRef = (ref: ResourceRef): boolean => ref.startsWith(prefix);

/**
 * The ref of a kind and name in a context, from the kind's name as monkeys use it (`Deployment`,
 * `chaos-mesh.org/v1alpha1/NetworkChaos`): the provider's `ref`, without its check that the
 * context is configured. A namespaced built-in kind needs its namespace; a cluster-scoped one
 * takes none. Throws a `SimianError` for a kind Simian does not know.
 */
export function refFromParts(parts: RefParts): ResourceRef {
  const custom = parseCustomKind(parts.kind);
  const builtin = custom ? undefined : builtinKind(parts.kind);
  if (!custom && !builtin) throw unknownKind(parts.kind);
  const refKind = builtin
    ? builtin.kind
    : refKindOf({ custom: true, kind: parts.kind, ...custom! });
  // Whether a custom kind is namespaced only discovery knows: its ref takes what it is given.
  const namespaced = builtin?.namespaced ?? parts.namespace !== undefined;
  if (namespaced && !parts.namespace) {
    throw new SimianError(
      'INPUT_INVALID',
      `a ${parts.kind} ref needs a namespace (${parts.name})`,
      {
        hint: `${parts.kind} is a namespaced kind`,
      },
    );
  }
  return buildRef({
    context: parts.scope,
    ...(namespaced ? { namespace: parts.namespace! } : {}),
    refKind,
    name: parts.name,
  });
}
