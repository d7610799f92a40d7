import type { ResourceViews, ServiceEndpoint } from '@simian/core';
import type { KubeObject } from '../kinds/kind.js';

/** The label an EndpointSlice names its Service with. */
const SERVICE_NAME = 'kubernetes.io/service-name';

interface EndpointSliceObject extends KubeObject {
  endpoints?: Array<{
    addresses?: string[];
    conditions?: { ready?: boolean; serving?: boolean; terminating?: boolean };
    nodeName?: string;
    targetRef?: { kind?: string; name?: string };
  }>;
}

/** The endpoints view of an EndpointSlice. */
export function endpointsViews(object: KubeObject): ResourceViews {
  const o = object as EndpointSliceObject;
  const service = o.metadata?.labels?.[SERVICE_NAME];
  const endpoints: ServiceEndpoint[] = (o.endpoints ?? []).map((e) => ({
    // The API's own rule: an unknown ready condition counts as ready.
    ready: e.conditions?.ready !== false,
    addresses: [...(e.addresses ?? [])],
    ...(e.targetRef?.kind === 'Pod' && e.targetRef.name ? { pod: e.targetRef.name } : {}),
    ...(e.nodeName ? { node: e.nodeName } : {}),
  }));
  return { endpoints: { ...(service ? { service } : {}), endpoints } };
}
