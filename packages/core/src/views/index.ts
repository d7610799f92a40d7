import type { AddressesView } from './addresses.js';
import type { IngressView } from './ingress.js';
import type { ServiceView } from './service.js';

export type { AddressesView } from './addresses.js';
export type { IngressView } from './ingress.js';
export type { LoadBalancerAddress, ServicePort, ServiceView } from './service.js';

/**
 * Typed views a provider fills on a `Resource` for the kinds it knows, so monkeys know their
 * domain without knowing any provider's API objects. One file per view; a view is added by one
 * file and one line in {@link ResourceViews}. Every field is what the provider read, never a guess:
 * a view that cannot be filled is absent, and a monkey treats absence as "unknown".
 */
export interface ResourceViews {
  // Views are added here, one line each (see docs/architecture.md, "Where to add a view").
  /** A Kubernetes Service's type, ports and load-balancer addresses. */
  service?: ServiceView;
  /** A Kubernetes Ingress's hosts, TLS hosts and load-balancer addresses. */
  ingress?: IngressView;
  /** Where a machine (an EC2 instance, a Kubernetes node) can be reached. */
  addresses?: AddressesView;
}
