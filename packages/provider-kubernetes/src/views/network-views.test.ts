import { describe, expect, it } from 'vitest';
import { builtinKind } from '../kinds/builtin-kinds.js';
import { cleanObject, toResource } from '../to-resource.js';

const where = { context: 'prod', ownerLabel: 'owner' };
const resource = (kind: string, object: Record<string, unknown>) => {
  const info = builtinKind(kind)!;
  return toResource(info, cleanObject(info, object), where);
};

describe('network views', () => {
  it('fills a Service view: type, ports and node ports, load-balancer addresses', () => {
    const r = resource('Service', {
      metadata: { name: 'web', namespace: 'shop' },
      spec: {
        type: 'LoadBalancer',
        ports: [
          { name: 'https', port: 443, targetPort: 8443, nodePort: 31443, protocol: 'TCP' },
          { port: 53, protocol: 'UDP', targetPort: 'dns' },
        ],
        externalIPs: ['198.51.100.7'],
      },
      status: {
        loadBalancer: { ingress: [{ ip: '203.0.113.10' }, { hostname: 'lb.example.com' }] },
      },
    });
    expect(r.views?.service).toEqual({
      type: 'LoadBalancer',
      ports: [
        { name: 'https', port: 443, protocol: 'TCP', nodePort: 31443, targetPort: 8443 },
        { port: 53, protocol: 'UDP', targetPort: 'dns' },
      ],
      loadBalancer: [{ ip: '203.0.113.10' }, { hostname: 'lb.example.com' }],
      externalIPs: ['198.51.100.7'],
    });
  });

  it('fills an Ingress view: hosts, TLS hosts (* for an entry without hosts)', () => {
    const r = resource('Ingress', {
      metadata: { name: 'web', namespace: 'shop' },
      spec: {
        rules: [{ host: 'shop.example.com' }, { host: 'api.example.com' }, {}],
        tls: [{ hosts: ['shop.example.com'], secretName: 'shop-tls' }, { secretName: 'default' }],
      },
    });
    expect(r.views?.ingress).toEqual({
      hosts: ['shop.example.com', 'api.example.com'],
      tlsHosts: ['shop.example.com', '*'],
      loadBalancer: [],
      tlsSecrets: ['shop-tls', 'default'],
      services: [],
    });
  });

  it("fills a Node's addresses and kubelet port", () => {
    const r = resource('Node', {
      metadata: { name: 'node-1' },
      status: {
        addresses: [
          { type: 'InternalIP', address: '10.0.0.5' },
          { type: 'ExternalIP', address: '203.0.113.5' },
          { type: 'Hostname', address: 'node-1' },
        ],
        daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      },
    });
    expect(r.views?.addresses).toEqual({
      public: ['203.0.113.5'],
      private: ['10.0.0.5'],
      ports: { kubelet: 10250 },
    });
  });

  it('fills no view for kinds without one', () => {
    expect(
      resource('ConfigMap', { metadata: { name: 'c', namespace: 'shop' } }).views,
    ).toBeUndefined();
  });
});
