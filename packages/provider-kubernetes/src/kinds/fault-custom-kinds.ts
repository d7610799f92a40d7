import type { KindInfo } from './kind.js';

/**
 * The custom kinds Simian's own faults live on. Discovery resolves them at run time like any
 * custom resource; this table only lets the registries (RBAC, doctor, `simian rbac`) name their
 * permissions before any cluster is asked: the plural is the one their CRDs declare.
 */
export const faultCustomKinds: readonly KindInfo[] = [
  {
    kind: 'chaos-mesh.org/v1alpha1/NetworkChaos',
    apiKind: 'NetworkChaos',
    group: 'chaos-mesh.org',
    version: 'v1alpha1',
    plural: 'networkchaos',
    namespaced: true,
    custom: true,
  },
  {
    kind: 'networking.istio.io/v1/VirtualService',
    apiKind: 'VirtualService',
    group: 'networking.istio.io',
    version: 'v1',
    plural: 'virtualservices',
    namespaced: true,
    custom: true,
  },
];
