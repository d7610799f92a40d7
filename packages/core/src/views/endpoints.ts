/** One address behind a Service, as its EndpointSlice lists it. */
export interface ServiceEndpoint {
  /** Whether the service sends it traffic (the pod is ready, and not terminating). */
  ready: boolean;
  /** Its IP addresses. */
  addresses: string[];
  /** The pod behind it, when the endpoint points at one. */
  pod?: string;
  /** The node it runs on, when known. */
  node?: string;
}

/** An EndpointSlice: a share of the addresses that serve one Service. */
export interface EndpointsView {
  /** The Service these endpoints serve (`kubernetes.io/service-name`), if the slice names one. */
  service?: string;
  endpoints: ServiceEndpoint[];
}
