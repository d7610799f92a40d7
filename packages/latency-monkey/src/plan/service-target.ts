import type { Listing, Resource, ServiceEndpoint } from '@simian/core';

/** A Service the monkey may put a fault on, with what it found about it in one context. */
export interface ServiceTarget {
  service: Resource;
  /** The Kubernetes context. */
  scope: string;
  /** The blast-radius group: one fault per service and run. */
  group: string;
  /** The labels of the pods it sends traffic to. */
  selector: Record<string, string>;
  /** Its endpoints, from its EndpointSlices. */
  endpoints: ServiceEndpoint[];
  /** Its pods, when Pods were listed. */
  pods: Resource[];
  /** Its namespace object, when Namespaces were listed. */
  namespace?: Resource;
}

/** Whether `labels` carry every key=value of a Service's `selector`. */
export const selects = (
  selector: Record<string, string>,
  labels: Record<string, string>,
): boolean => Object.entries(selector).every(([k, v]) => labels[k] === v);

/** The listings of one context, by kind. */
export type ListingsByKind = Map<string, Listing>;

/** The target of `service` (which has a selector) from the listings of its context. */
export function serviceTarget(
  service: Resource,
  selector: Record<string, string>,
  scope: string,
  listings: ListingsByKind,
): ServiceTarget {
  const items = (kind: string) => listings.get(kind)?.items ?? [];
  const sameNamespace = (r: Resource) => r.namespace === service.namespace;
  const endpoints = items('EndpointSlice')
    .filter((s) => sameNamespace(s) && s.views?.endpoints?.service === service.name)
    .flatMap((s) => s.views?.endpoints?.endpoints ?? []);
  const pods = items('Pod').filter((p) => sameNamespace(p) && selects(selector, p.labels));
  const namespace = items('Namespace').find((n) => n.name === service.namespace);
  return {
    service,
    scope,
    group: service.ref,
    selector,
    endpoints,
    pods,
    ...(namespace ? { namespace } : {}),
  };
}

/** `shop/middle`, for notes. */
export const describeService = (s: Resource): string => `${s.namespace}/${s.name}`;
