import type { Finding } from '@simian/core';
import { describe, expect, it } from 'vitest';
import { k8s } from './__fixtures__/context.js';
import { discoverEndpoints, type DiscoverOptions } from './discover.js';

const all: DiscoverOptions = {
  services: true,
  ingresses: true,
  instances: true,
  kubelets: true,
  networks: [],
};
const lookup = async (name: string) => (name === 'lb.example.com' ? ['203.0.113.20'] : []);

const node = k8s(
  'Node',
  'node-a',
  undefined,
  {},
  {
    views: { addresses: { public: [], private: ['10.0.0.5'], ports: { kubelet: 10250 } } },
  },
);
const loadBalancer = k8s(
  'Service',
  'web',
  'shop',
  {},
  {
    views: {
      service: {
        type: 'LoadBalancer',
        ports: [
          { name: 'https', port: 443, protocol: 'TCP', nodePort: 31443 },
          { name: 'dns', port: 53, protocol: 'UDP' },
        ],
        loadBalancer: [{ hostname: 'lb.example.com' }],
        externalIPs: [],
      },
    },
  },
);
const nodePort = k8s(
  'Service',
  'admin',
  'shop',
  {},
  {
    views: {
      service: {
        type: 'NodePort',
        ports: [{ port: 9000, protocol: 'TCP', nodePort: 30900 }],
        loadBalancer: [],
        externalIPs: [],
      },
    },
  },
);
const ingress = k8s(
  'Ingress',
  'web',
  'shop',
  {},
  {
    views: {
      ingress: {
        hosts: ['shop.example.com', '*.example.com'],
        tlsHosts: [],
        loadBalancer: [{ ip: '203.0.113.30' }],
        tlsSecrets: [],
        services: [],
      },
    },
  },
);
const instance = {
  ref: 'arn:aws:ec2:us-east-1:123456789012:instance/i-1',
  provider: 'aws',
  kind: 'Instance',
  name: 'i-1',
  region: 'us-east-1',
  labels: {},
  raw: {},
  views: {
    addresses: {
      public: ['198.51.100.7', 'ec2-198-51-100-7.compute-1.amazonaws.com'],
      private: ['10.1.0.7'],
      firewallGroups: ['sg-1'],
    },
  },
};
const sshOpen: Finding = {
  ruleId: 'AWS-SG-001',
  severity: 'high',
  monkey: 'security',
  resource: {
    ref: 'arn:aws:ec2:us-east-1:123456789012:security-group/sg-1',
    kind: 'SecurityGroup',
    name: 'sg-1',
    provider: 'aws',
  },
  message: 'ssh open',
  evidence: { ports: [22] },
};

describe('discoverEndpoints', () => {
  it('takes load balancers, node ports, Ingress hosts, public instances and kubelets from views', async () => {
    const found = await discoverEndpoints(
      [node, loadBalancer, nodePort, ingress, instance],
      [sshOpen],
      { ...all, lookup },
    );
    const targets = found.targets.map(
      (t) =>
        `${t.scheme} ${t.url}${t.role ? ` (${t.role})` : ''} <- ${t.resource?.kind}/${t.resource?.name} allow=${t.allow.addresses.join(',')}`,
    );
    expect(targets).toEqual([
      'https https://10.0.0.5:10250 (kubelet) <- Node/node-a allow=10.0.0.5',
      'http http://10.0.0.5:10255 (kubelet) <- Node/node-a allow=10.0.0.5',
      'https https://lb.example.com:443 <- Service/web allow=203.0.113.20',
      'auto https://10.0.0.5:31443 <- Service/web allow=10.0.0.5',
      'auto https://10.0.0.5:30900 <- Service/admin allow=10.0.0.5',
      'http http://shop.example.com:80 <- Ingress/web allow=203.0.113.30',
      'https https://198.51.100.7:443 <- Instance/i-1 allow=198.51.100.7',
      'http http://198.51.100.7:80 <- Instance/i-1 allow=198.51.100.7',
      'tcp tcp://198.51.100.7:22 <- Instance/i-1 allow=198.51.100.7',
    ]);
    const byUrl = new Map(found.targets.map((t) => [t.url, t]));
    expect(byUrl.get('https://10.0.0.5:30900')?.confirms).toEqual([
      { ruleId: 'K8S-NET-004', ref: nodePort.ref, when: 'reachable' },
    ]);
    expect(byUrl.get('http://shop.example.com:80')?.confirms).toEqual([
      { ruleId: 'K8S-NET-002', ref: ingress.ref, when: 'plaintext' },
    ]);
    expect(byUrl.get('tcp://198.51.100.7:22')?.confirms).toEqual([
      { ruleId: 'AWS-SG-001', ref: sshOpen.resource.ref, when: 'reachable' },
    ]);
    expect(found.resources.get('tcp://198.51.100.7:22')?.ref).toBe(instance.ref);
  });

  it('keeps to probes.networks, and says what it passed over', async () => {
    const found = await discoverEndpoints([node, instance], [sshOpen], {
      ...all,
      networks: ['10.0.0.0/8'],
      lookup,
    });
    expect(found.targets.map((t) => t.url)).toEqual([
      'https://10.0.0.5:10250',
      'http://10.0.0.5:10255',
    ]);
    expect(found.notes).toContain(
      'probe of https://198.51.100.7:443 (Instance i-1) skipped: its addresses (198.51.100.7) are outside probes.networks',
    );
  });

  it('probes no Ingress host before its load balancer has an address', async () => {
    const pending = k8s(
      'Ingress',
      'new',
      'shop',
      {},
      {
        views: {
          ingress: {
            hosts: ['new.example.com'],
            tlsHosts: ['new.example.com'],
            loadBalancer: [],
            tlsSecrets: [],
            services: [],
          },
        },
      },
    );
    const found = await discoverEndpoints([pending], [], all);
    expect(found.targets).toEqual([]);
    expect(found.notes[0]).toContain('Ingress shop/new has no load-balancer address yet');
  });

  it('takes only what is switched on', async () => {
    const found = await discoverEndpoints([node, loadBalancer, ingress, instance], [sshOpen], {
      services: false,
      ingresses: false,
      instances: false,
      kubelets: false,
      networks: [],
      lookup,
    });
    expect(found.targets).toEqual([]);
  });
});
