import { isIP } from 'node:net';
import type { Finding, Resource } from '@simian/core';
import { inNetworks, systemLookup, type Lookup } from './probe/resolve.js';
import type { Confirmation, ProbeTarget } from './probe/target.js';

/** What discovery found: the targets, the resource each belongs to, and what was passed over. */
export interface Discovery {
  targets: ProbeTarget[];
  /** The resource behind each inventory target (by URL), for the gate's rules. */
  resources: Map<string, Resource>;
  notes: string[];
}

/** Which inventory endpoints to take, and where they may be. */
export interface DiscoverOptions {
  services: boolean;
  ingresses: boolean;
  instances: boolean;
  kubelets: boolean;
  /** When not empty, only addresses inside these networks. */
  networks: readonly string[];
  lookup?: Lookup;
}

/** Ports tried on an instance whose group opens every port to the internet. */
const ALL_PORTS_SAMPLE = [22, 3389, 443, 80];
const TLS_PORTS = new Set([443, 6443, 8443, 9443, 10250]);
const HTTP_PORTS = new Set([80, 8080, 8000, 3000, 9090, 10255]);

const summary = (r: Resource): Finding['resource'] => ({
  ref: r.ref,
  kind: r.kind,
  name: r.name,
  provider: r.provider,
  ...(r.namespace !== undefined ? { namespace: r.namespace } : {}),
  ...(r.region !== undefined ? { region: r.region } : {}),
  ...(r.context !== undefined ? { context: r.context } : {}),
});

const schemeOf = (port: number): ProbeTarget['scheme'] =>
  TLS_PORTS.has(port) ? 'https' : HTTP_PORTS.has(port) ? 'http' : 'auto';

const checksOf = (scheme: ProbeTarget['scheme']): ProbeTarget['checks'] =>
  scheme === 'http' ? ['http'] : scheme === 'tcp' ? ['tcp'] : ['tls', 'http'];

const hostPart = (host: string) => (isIP(host) === 6 ? `[${host}]` : host);

/**
 * The endpoints of the inventory, read from views only: load balancers and node ports of
 * Services, Ingress hosts, instances with public addresses, and kubelets. Each target may be
 * reached only at the addresses the inventory gives for it (a load balancer's name is resolved
 * here, once), and only inside `networks` when that is set.
 */
export async function discoverEndpoints(
  resources: readonly Resource[],
  configFindings: readonly Finding[],
  options: DiscoverOptions,
): Promise<Discovery> {
  const lookup = options.lookup ?? systemLookup;
  const targets: ProbeTarget[] = [];
  const owners = new Map<string, Resource>();
  const notes: string[] = [];
  const inside = (a: string) => options.networks.length === 0 || inNetworks(a, options.networks);

  const add = (
    resource: Resource,
    scheme: ProbeTarget['scheme'],
    host: string,
    port: number,
    addresses: string[],
    extra: Partial<ProbeTarget> = {},
  ) => {
    const allowed = [...new Set(addresses.filter(inside))];
    const url = `${scheme === 'auto' ? 'https' : scheme}://${hostPart(host)}:${port}`;
    if (allowed.length === 0) {
      notes.push(
        `probe of ${url} (${resource.kind} ${resource.name}) skipped: its addresses (${addresses.join(', ') || 'none'}) are outside probes.networks`,
      );
      return;
    }
    if (targets.some((t) => t.url === url && t.scheme === scheme && t.role === extra.role)) return;
    targets.push({
      url,
      scheme,
      host,
      port,
      checks: extra.checks ?? checksOf(scheme),
      allow: { addresses: allowed, names: [] },
      source: 'inventory',
      resource: summary(resource),
      ...extra,
    });
    owners.set(url, resource);
  };

  const byScope = (r: Resource) => `${r.provider}/${r.context ?? ''}/${r.region ?? ''}`;
  const nodes = resources.filter((r) => r.views?.addresses && r.kind === 'Node');

  // Load-balancer host names resolve once, here; the probes then keep to those addresses.
  const resolved = new Map<string, string[]>();
  const resolve = async (name: string) => {
    if (!resolved.has(name)) resolved.set(name, await lookup(name).catch(() => []));
    return resolved.get(name)!;
  };
  const lbAddresses = async (lb: Array<{ ip?: string; hostname?: string }>) => {
    const out: string[] = [];
    for (const a of lb) {
      if (a.ip) out.push(a.ip);
      if (a.hostname) out.push(...(await resolve(a.hostname)));
    }
    return out;
  };

  for (const r of resources) {
    const service = r.views?.service;
    if (service && options.services) {
      const tcp = service.ports.filter((p) => p.protocol.toUpperCase() === 'TCP');
      if (service.type === 'LoadBalancer') {
        const addresses = await lbAddresses(service.loadBalancer);
        if (service.loadBalancer.length === 0)
          notes.push(
            `Service ${r.namespace}/${r.name} is a LoadBalancer without an address yet: not probed through it`,
          );
        for (const lb of service.loadBalancer) {
          for (const p of tcp) add(r, schemeOf(p.port), lb.hostname ?? lb.ip!, p.port, addresses);
        }
      }
      const nodePorts = tcp.filter((p) => p.nodePort);
      if (
        (service.type === 'NodePort' || service.type === 'LoadBalancer') &&
        nodePorts.length > 0
      ) {
        // A node port answers on every node: one node shows it.
        const node = nodes
          .filter((n) => byScope(n) === byScope(r))
          .sort((a, b) => a.name.localeCompare(b.name))[0];
        const view = node?.views?.addresses;
        const address = view?.public[0] ?? view?.private[0];
        if (!node || !address) {
          notes.push(
            `Service ${r.namespace}/${r.name} has node ports, but no node address is known: not probed`,
          );
        } else {
          for (const p of nodePorts) {
            const confirms: Confirmation[] =
              service.type === 'NodePort'
                ? [{ ruleId: 'K8S-NET-004', ref: r.ref, when: 'reachable' }]
                : [];
            add(
              r,
              schemeOf(p.nodePort!),
              address,
              p.nodePort!,
              [...view!.public, ...view!.private],
              { confirms },
            );
          }
        }
      }
    }

    const ingress = r.views?.ingress;
    if (ingress && options.ingresses) {
      const addresses = await lbAddresses(ingress.loadBalancer);
      if (ingress.loadBalancer.length === 0 && ingress.hosts.length > 0) {
        notes.push(
          `Ingress ${r.namespace}/${r.name} has no load-balancer address yet: its hosts (${ingress.hosts.join(', ')}) are not probed`,
        );
        continue;
      }
      for (const host of ingress.hosts.filter((h) => !h.includes('*'))) {
        const secure = ingress.tlsHosts.includes(host) || ingress.tlsHosts.includes('*');
        if (secure) add(r, 'https', host, 443, addresses);
        add(r, 'http', host, 80, addresses, {
          ...(secure
            ? {}
            : { confirms: [{ ruleId: 'K8S-NET-002', ref: r.ref, when: 'plaintext' }] }),
        });
      }
    }

    const machine = r.views?.addresses;
    if (machine && r.kind !== 'Node' && options.instances && machine.public.length > 0) {
      const ip = machine.public.find((a) => isIP(a)) ?? machine.public[0]!;
      add(
        r,
        'https',
        ip,
        443,
        machine.public.filter((a) => isIP(a)),
      );
      add(
        r,
        'http',
        ip,
        80,
        machine.public.filter((a) => isIP(a)),
      );
      for (const f of configFindings) {
        if (!f.ruleId.startsWith('AWS-SG-') || !machine.firewallGroups?.includes(f.resource.name))
          continue;
        const listed = f.evidence?.['ports'];
        const ports =
          listed === 'all' ? ALL_PORTS_SAMPLE : Array.isArray(listed) ? (listed as number[]) : [];
        for (const port of ports) {
          add(r, 'tcp', ip, port, [ip], {
            confirms: [{ ruleId: f.ruleId, ref: f.resource.ref, when: 'reachable' }],
          });
          const t = targets.find((x) => x.url === `tcp://${hostPart(ip)}:${port}`);
          if (t && !t.confirms?.some((c) => c.ref === f.resource.ref && c.ruleId === f.ruleId)) {
            t.confirms = [
              ...(t.confirms ?? []),
              { ruleId: f.ruleId, ref: f.resource.ref, when: 'reachable' },
            ];
          }
        }
      }
    }

    if (machine && r.kind === 'Node' && options.kubelets) {
      const address = machine.public[0] ?? machine.private[0];
      const all = [...machine.public, ...machine.private];
      if (address && machine.ports?.['kubelet']) {
        add(r, 'https', address, machine.ports['kubelet'], all, {
          role: 'kubelet',
          checks: ['http'],
        });
      }
      if (address) add(r, 'http', address, 10255, all, { role: 'kubelet', checks: ['http'] });
    }
  }
  return { targets, resources: owners, notes };
}
