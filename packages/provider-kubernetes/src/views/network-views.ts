import type {
  AddressesView,
  IngressView,
  LoadBalancerAddress,
  ResourceViews,
  ServiceView,
} from '@simian/core';
import type { KubeObject } from '../kinds/kind.js';
import { ownerViews } from './owners.js';

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

/**
 * A Service's type, ports, load-balancer addresses and pod selector. An empty selector is no
 * selector: the API server then manages no endpoints for it (someone else does, or it is an
 * ExternalName).
 */
export function serviceView(object: KubeObject): ServiceView {
  const spec = obj(object['spec']);
  const clusterIP = str(spec['clusterIP']);
  const selector = Object.fromEntries(
    Object.entries(obj(spec['selector'])).filter(
      (e): e is [string, string] => typeof e[1] === 'string',
    ),
  );
  return {
    type: str(spec['type']) ?? 'ClusterIP',
    ports: list(spec['ports']).flatMap((p) => {
      const port = obj(p);
      const number = num(port['port']);
      if (number === undefined) return [];
      const name = str(port['name']);
      const nodePort = num(port['nodePort']);
      const target = port['targetPort'];
      const appProtocol = str(port['appProtocol']);
      return [
        {
          ...(name ? { name } : {}),
          port: number,
          protocol: str(port['protocol']) ?? 'TCP',
          ...(nodePort ? { nodePort } : {}),
          ...(typeof target === 'number' || typeof target === 'string'
            ? { targetPort: target }
            : {}),
          ...(appProtocol ? { appProtocol } : {}),
        },
      ];
    }),
    loadBalancer: loadBalancer(object['status']),
    externalIPs: list(spec['externalIPs']).flatMap((a) => (str(a) ? [a as string] : [])),
    ...(Object.keys(selector).length > 0 ? { selector } : {}),
    ...(clusterIP && clusterIP !== 'None' ? { clusterIP } : {}),
  };
}

const backendService = (backend: unknown): string[] => {
  const name = str(obj(obj(backend)['service'])['name']);
  return name ? [name] : [];
};

/**
 * An Ingress's hosts, TLS hosts and load-balancer addresses, the Secrets its `tls` entries serve
 * and the Services its rules and default backend route to.
 */
export function ingressView(object: KubeObject): IngressView {
  const spec = obj(object['spec']);
  const services = [
    ...backendService(spec['defaultBackend']),
    ...list(spec['rules']).flatMap((r) =>
      list(obj(obj(r)['http'])['paths']).flatMap((p) => backendService(obj(p)['backend'])),
    ),
  ];
  const tlsSecrets = list(spec['tls']).flatMap((t) => str(obj(t)['secretName']) ?? []);
  const hosts = list(spec['rules']).flatMap((r) => str(obj(r)['host']) ?? []);
  const tlsHosts = list(spec['tls']).flatMap((t) => {
    const named = list(obj(t)['hosts']).flatMap((h) => str(h) ?? []);
    return named.length > 0 ? named : ['*'];
  });
  return {
    hosts: [...new Set(hosts)],
    tlsHosts: [...new Set(tlsHosts)],
    loadBalancer: loadBalancer(object['status']),
    tlsSecrets: [...new Set(tlsSecrets)],
    services: [...new Set(services)],
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
  ...ownerViews(object),
  service: serviceView(object),
});
export const ingressViews = (object: KubeObject): ResourceViews => ({
  ingress: ingressView(object),
});
export const nodeViews = (object: KubeObject): ResourceViews => ({
  addresses: nodeAddresses(object),
});
