import http from 'node:http';
import https from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';
import { TargetError } from '@simian/core';
import { simianUserAgent } from './user-agent.js';

/** How long credentials from the kubeconfig are reused before they are asked for again. */
const credentialTtlMs = 60_000;

/** The server, the socket pool and the current credentials of one kubeconfig context. */
export interface PreparedConnection {
  agent: http.Agent;
  headers: Record<string, string>;
}

/**
 * Turns a loaded `KubeConfig` into what a raw request needs. client-node does the hard parts
 * (client certificates, bearer tokens, exec and OIDC plugins, in-cluster token rotation) through
 * `applyToHTTPSOptions`; we keep one keep-alive agent per context so a 40-page listing does not
 * pay 40 TLS handshakes, and ask for fresh credentials once a minute or after a 401.
 */
export class KubeConnection {
  readonly server: URL;
  readonly #kc: KubeConfig;
  readonly #maxSockets: number;
  #agent: http.Agent | undefined;
  #headers: Record<string, string> | undefined;
  #preparedAt = 0;
  #pending: Promise<PreparedConnection> | undefined;

  constructor(kc: KubeConfig, options: { maxSockets: number }) {
    const cluster = kc.getCurrentCluster();
    if (!cluster) {
      throw new TargetError(`the kubeconfig context "${kc.getCurrentContext()}" names no cluster`, {
        code: 'TARGET_UNREACHABLE',
        hint: 'check the context with `kubectl config get-contexts`',
      });
    }
    this.server = new URL(cluster.server);
    this.#kc = kc;
    this.#maxSockets = options.maxSockets;
  }

  /** Credentials and agent, refreshed when older than a minute or when `force` is set. */
  prepare(force = false): Promise<PreparedConnection> {
    const fresh = this.#headers && this.#agent && Date.now() - this.#preparedAt < credentialTtlMs;
    if (fresh && !force) return Promise.resolve({ agent: this.#agent!, headers: this.#headers! });
    this.#pending ??= this.#load().finally(() => {
      this.#pending = undefined;
    });
    return this.#pending;
  }

  /** Closes idle sockets. */
  close(): void {
    this.#agent?.destroy();
    this.#agent = undefined;
  }

  async #load(): Promise<PreparedConnection> {
    const opts: https.RequestOptions = {};
    await this.#kc.applyToHTTPSOptions(opts);
    const headers: Record<string, string> = { 'user-agent': simianUserAgent };
    for (const [key, value] of Object.entries(opts.headers ?? {})) {
      if (value !== undefined) headers[key.toLowerCase()] = String(value);
    }
    if (opts.auth) headers.authorization = `Basic ${Buffer.from(opts.auth).toString('base64')}`;
    this.#agent ??= this.#makeAgent(opts);
    this.#headers = headers;
    this.#preparedAt = Date.now();
    return { agent: this.#agent, headers };
  }

  #makeAgent(opts: https.RequestOptions): http.Agent {
    // A proxy agent from client-node is used as it is; otherwise our own pool with keep-alive.
    if (this.#kc.getCurrentCluster()?.proxyUrl && opts.agent instanceof http.Agent)
      return opts.agent;
    if (this.server.protocol === 'http:') {
      return new http.Agent({ keepAlive: true, maxSockets: this.#maxSockets });
    }
    return new https.Agent({
      keepAlive: true,
      maxSockets: this.#maxSockets,
      ...(opts.ca ? { ca: opts.ca } : {}),
      ...(opts.cert ? { cert: opts.cert } : {}),
      ...(opts.key ? { key: opts.key } : {}),
      ...(opts.pfx ? { pfx: opts.pfx } : {}),
      ...(opts.passphrase ? { passphrase: opts.passphrase } : {}),
      ...(opts.servername ? { servername: opts.servername } : {}),
      ...(opts.rejectUnauthorized === undefined
        ? {}
        : { rejectUnauthorized: opts.rejectUnauthorized }),
    });
  }
}
