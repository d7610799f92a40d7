import { SimianError, type ResourceRef } from '@simian/core';

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
