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
  /** `auto`: TLS when the endpoint speaks it, plain HTTP otherwise (a port of unknown use). */
  scheme: 'http' | 'https' | 'tcp' | 'auto';
  host: string;
  port: number;
  allow: Allowance;
  /** Where the endpoint came from. */
  source: 'inventory' | 'config' | 'command-line';
  /** The resource it belongs to (a Service, an Ingress, an instance, a node), for findings. */
  resource?: Finding['resource'];
  checks: ProbeCheck[];
  /** Config findings this target confirms, and on what answer. */
  confirms?: Confirmation[];
  /** The Kubernetes context of an API server named in the config, to confirm its RBAC findings. */
  context?: string;
  /** A kubelet's port: only the kubelet check runs there (from a node's view). */
  role?: 'kubelet';
}

/**
 * A configuration finding a target can confirm: `reachable` when anything answers there,
 * `plaintext` when it serves content over plain HTTP, `anonymous-api` when an API server answers
 * an anonymous client.
 */
export interface Confirmation {
  ruleId: string;
  /** The ref of the finding's resource; absent: every finding of the rule in `context`. */
  ref?: string;
  context?: string;
  when: 'reachable' | 'plaintext' | 'anonymous-api';
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
