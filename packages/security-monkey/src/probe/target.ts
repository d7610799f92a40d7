import type { Finding } from '@simian/core';

/** Which probes a target gets. */
export type ProbeCheck = 'tls' | 'http' | 'tcp';

/** Where a probe may connect for one target: nothing else, whatever DNS or a redirect says. */
export interface Allowance {
  /** IP addresses this target may be reached at (from the inventory: load balancers, nodes). */
  addresses: string[];
  /**
   * Host names whose own DNS answers are trusted: names the config or the command line lists,
   * and load-balancer names from the inventory. A name not listed must resolve into `addresses`.
   */
  names: string[];
  /** Networks (CIDR) any address of which may be reached: `--allow 10.0.0.0/8`. */
  networks?: string[];
}

/** One endpoint to probe, and why Simian may. */
export interface ProbeTarget {
  /** `https://shop.example.com:443`, `http://203.0.113.5:30080`, `tcp://203.0.113.9:22`. */
  url: string;
  scheme: 'http' | 'https' | 'tcp';
  host: string;
  port: number;
  allow: Allowance;
  /** Where the endpoint came from. */
  source: 'inventory' | 'config' | 'command-line';
  /** The resource it belongs to (a Service, an Ingress, an instance, a node), for findings. */
  resource?: Finding['resource'];
  checks: ProbeCheck[];
  /** Config findings this target can confirm when it answers: `{ ruleId, ref }`. */
  confirms?: Array<{ ruleId: string; ref: string }>;
  /** The Kubernetes context of an API server named in the config, to confirm its RBAC findings. */
  context?: string;
  /** A kubelet's port: only the kubelet check runs there (from a node's view). */
  role?: 'kubelet';
}

/** The target a URL names; `tcp://` targets get a connect check only. */
export function targetFromUrl(
  text: string,
  fields: Pick<ProbeTarget, 'allow' | 'source'> & Partial<ProbeTarget>,
): ProbeTarget {
  const url = new URL(text);
  const scheme = url.protocol.replace(/:$/, '');
  if (scheme !== 'http' && scheme !== 'https' && scheme !== 'tcp') {
    throw new TypeError(`${text}: a probe takes http://, https:// or tcp:// URLs`);
  }
  const port = url.port ? Number(url.port) : scheme === 'https' ? 443 : scheme === 'http' ? 80 : 0;
  if (!port) throw new TypeError(`${text}: a tcp:// URL needs a port`);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const checks: ProbeCheck[] =
    scheme === 'tcp' ? ['tcp'] : scheme === 'https' ? ['tls', 'http'] : ['http'];
  return {
    url: `${scheme}://${url.host}`,
    scheme,
    host,
    port,
    checks,
    ...fields,
  };
}

/** A resource summary for a URL that belongs to no inventory resource. */
export function endpointResource(target: Pick<ProbeTarget, 'url'>): Finding['resource'] {
  return { ref: `url:${target.url}`, kind: 'Endpoint', name: target.url, provider: 'probe' };
}
