import type { ContainerProbesView } from './container-probes.js';
import type { EndpointsView } from './endpoints.js';
import type { ServiceView } from './service.js';

export type * from './container-probes.js';
export type * from './endpoints.js';
export type * from './service.js';

/**
 * Typed views a provider fills on a `Resource` for the kinds it knows, so monkeys know their
 * domain without knowing any provider's API objects. One file per view; a view is added by one
 * file and one line in {@link ResourceViews}. Every field is what the provider read, never a guess:
 * a view that cannot be filled is absent, and a monkey treats absence as "unknown".
 */
export interface ResourceViews {
  // Views are added here, one line each (see docs/architecture.md, "Where to add a view").
  /** Services (Kubernetes). */
  service?: ServiceView;
  /** EndpointSlices (Kubernetes). */
  endpoints?: EndpointsView;
  /** The kubelet probes of a pod's containers (Kubernetes Pods). */
  probes?: ContainerProbesView;
}
