import type {
  AddressesView,
  IngressView,
  LoadBalancerAddress,
  ResourceViews,
  ServiceView,
} from '@simian/core';
import type { KubeObject } from '../kinds/kind.js';

type Fields = Record<string, unknown>;
const obj = (v: unknown): Fields => (typeof v === 'object' && v !== null ? (v as Fields) : {});
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);

function loadBalancer(status: unknown): LoadBalancerAddress[] {
  return list(obj(obj(status)['loadBalancer'])['ingress']).flatMap((i) => {
    const ip = str(obj(i)['ip']);
    const hostname = str(obj(i)['hostname']);
    return ip || hostname ? [{ ...(ip ? { ip } : {}), ...(hostname ? { hostname } : {}) }] : [];
  });
}

/** A Service's type, ports and load-balancer addresses. */
export function serviceView(object: KubeObject): ServiceView {
  const spec = obj(object['spec']);
  return {
    type: str(spec['type']) ?? 'ClusterIP',
    ports: list(spec['ports']).flatMap((p) => {
      const port = obj(p);
      const number = num(port['port']);
      if (number === undefined) return [];
      const name = str(port['name']);
      const nodePort = num(port['nodePort']);
      const target = port['targetPort'];
      return [
        {
          ...(name ? { name } : {}),
          port: number,
          protocol: str(port['protocol']) ?? 'TCP',
          ...(nodePort ? { nodePort } : {}),
          ...(typeof target === 'number' || typeof target === 'string'
            ? { targetPort: target }
            : {}),
        },
      ];
    }),
    loadBalancer: loadBalancer(object['status']),
    externalIPs: list(spec['externalIPs']).flatMap((a) => (str(a) ? [a as string] : [])),
  };
}

/** An Ingress's hosts, TLS hosts and load-balancer addresses. */
export function ingressView(object: KubeObject): IngressView {
  const spec = obj(object['spec']);
  const hosts = list(spec['rules']).flatMap((r) => str(obj(r)['host']) ?? []);
  const tlsHosts = list(spec['tls']).flatMap((t) => {
    const named = list(obj(t)['hosts']).flatMap((h) => str(h) ?? []);
    return named.length > 0 ? named : ['*'];
  });
  return {
    hosts: [...new Set(hosts)],
    tlsHosts: [...new Set(tlsHosts)],
    loadBalancer: loadBalancer(object['status']),
  };
}

/** A node's addresses (ExternalIP public, InternalIP private) and its kubelet's port. */
export function nodeAddresses(object: KubeObject): AddressesView {
  const status = obj(object['status']);
  const addresses = list(status['addresses']).map(obj);
  const of = (type: string) =>
    addresses.filter((a) => a['type'] === type).flatMap((a) => str(a['address']) ?? []);
  const kubelet = num(obj(obj(status['daemonEndpoints'])['kubeletEndpoint'])['Port']);
  return {
    public: [...of('ExternalIP'), ...of('ExternalDNS')],
    private: [...of('InternalIP'), ...of('InternalDNS')],
    ...(kubelet ? { ports: { kubelet } } : {}),
  };
}

/** The kinds' views, for the kinds table (`builtin-kinds.ts`). */
export const serviceViews = (object: KubeObject): ResourceViews => ({
  service: serviceView(object),
});
export const ingressViews = (object: KubeObject): ResourceViews => ({
  ingress: ingressView(object),
});
export const nodeViews = (object: KubeObject): ResourceViews => ({
  addresses: nodeAddresses(object),
});
