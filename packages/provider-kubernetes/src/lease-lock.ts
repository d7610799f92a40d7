import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import type { LeaderLock } from '@simian/core';
import type { KubeCluster } from './cluster.js';
import { explainKubeError } from './errors.js';
import { KubeApiError, isNotFound } from './rest/api-error.js';

/** Where the lease lives and how long a holder keeps it without renewing. */
export interface LeaseLockOptions {
  namespace: string;
  name: string;
  /** Who this process is, in `spec.holderIdentity`. @default $POD_NAME, else host-pid-random */
  identity?: string;
  /** A holder that has not renewed for this long has lost the lease. @default 30 */
  leaseDurationSeconds?: number;
  /** The clock, for tests. @default Date.now */
  now?: () => number;
}

interface Lease {
  apiVersion: 'coordination.k8s.io/v1';
  kind: 'Lease';
  metadata: { name: string; namespace: string; resourceVersion?: string };
  spec: {
    holderIdentity?: string | null;
    leaseDurationSeconds?: number;
    acquireTime?: string | null;
    renewTime?: string | null;
    leaseTransitions?: number;
  };
}

const LEASE_KIND = {
  group: 'coordination.k8s.io',
  plural: 'leases',
  kind: 'Lease',
  namespaced: true,
} as const;

/** RFC 3339 with microseconds, the MicroTime format a Lease's times take. */
const microTime = (ms: number) => new Date(ms).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');

/**
 * A leader lock on a `coordination.k8s.io/v1` Lease, as client-go's leader election keeps one:
 * the holder renews it; another replica takes it over only when it is free or when it has seen the
 * same record, unrenewed, for a whole lease duration by its own clock (so clock skew between
 * replicas cannot hand it over early). Every write carries the resourceVersion it read, so two
 * replicas racing for it cannot both win. Holds no timer: the daemon renews while it waits.
 */
export class KubernetesLeaseLock implements LeaderLock {
  readonly description: string;
  readonly identity: string;
  readonly renewIntervalMs: number;
  readonly #cluster: KubeCluster;
  readonly #o: Required<Omit<LeaseLockOptions, 'identity'>>;
  readonly #path: string;
  /** The record last seen and when (by our clock) it was first seen that way. */
  #observed: { resourceVersion: string; at: number } | undefined;

  constructor(cluster: KubeCluster, options: LeaseLockOptions) {
    this.#cluster = cluster;
    this.#o = { leaseDurationSeconds: 30, now: Date.now, ...options };
    this.identity =
      options.identity ??
      process.env.POD_NAME ??
      `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
    this.renewIntervalMs = (this.#o.leaseDurationSeconds * 1000) / 3;
    this.#path = `/apis/coordination.k8s.io/v1/namespaces/${encodeURIComponent(options.namespace)}/leases/${encodeURIComponent(options.name)}`;
    this.description = `Lease ${options.namespace}/${options.name} in context ${cluster.name} (as ${this.identity})`;
  }

  async acquire(): Promise<boolean> {
    const lease = await this.#read();
    const now = this.#o.now();
    if (!lease) return this.#create(now);
    const holder = lease.spec.holderIdentity;
    if (holder === this.identity) return this.#write(lease, now, false);
    if (holder && !this.#expired(lease, now)) return false;
    return this.#write(lease, now, true);
  }

  async renew(): Promise<boolean> {
    const lease = await this.#read();
    if (!lease || lease.spec.holderIdentity !== this.identity) return false;
    return this.#write(lease, this.#o.now(), false);
  }

  async release(): Promise<void> {
    const lease = await this.#read();
    if (!lease || lease.spec.holderIdentity !== this.identity) return;
    // Cleared, not deleted: the next replica takes it at once and the transitions count on.
    await this.#put({
      ...lease,
      spec: { ...lease.spec, holderIdentity: null, acquireTime: null, renewTime: null },
    }).catch(() => undefined);
  }

  /** Whether the same record has gone unrenewed for a lease duration, by our own clock. */
  #expired(lease: Lease, now: number): boolean {
    const version = lease.metadata.resourceVersion ?? '';
    if (this.#observed?.resourceVersion !== version) {
      this.#observed = { resourceVersion: version, at: now };
    }
    const duration = (lease.spec.leaseDurationSeconds ?? this.#o.leaseDurationSeconds) * 1000;
    return now - this.#observed.at >= duration;
  }

  async #create(now: number): Promise<boolean> {
    const lease: Lease = {
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: { name: this.#o.name, namespace: this.#o.namespace },
      spec: {
        holderIdentity: this.identity,
        leaseDurationSeconds: this.#o.leaseDurationSeconds,
        acquireTime: microTime(now),
        renewTime: microTime(now),
        leaseTransitions: 0,
      },
    };
    try {
      await this.#cluster.client.call({
        method: 'POST',
        path: this.#path.slice(0, this.#path.lastIndexOf('/')),
        body: lease,
      });
      return true;
    } catch (error) {
      if (error instanceof KubeApiError && error.status === 409) return false;
      throw this.#explain(error, 'create');
    }
  }

  /** Renews (or, with `takeOver`, takes) the lease read as `lease`; false when someone wrote first. */
  async #write(lease: Lease, now: number, takeOver: boolean): Promise<boolean> {
    const spec = {
      ...lease.spec,
      holderIdentity: this.identity,
      leaseDurationSeconds: this.#o.leaseDurationSeconds,
      renewTime: microTime(now),
      ...(takeOver
        ? { acquireTime: microTime(now), leaseTransitions: (lease.spec.leaseTransitions ?? 0) + 1 }
        : {}),
    };
    try {
      const written = await this.#put({ ...lease, spec });
      this.#observed = { resourceVersion: written.metadata.resourceVersion ?? '', at: now };
      return true;
    } catch (error) {
      if (error instanceof KubeApiError && error.status === 409) return false;
      throw this.#explain(error, 'update');
    }
  }

  #put(lease: Lease): Promise<Lease> {
    return this.#cluster.client.call<Lease>({ method: 'PUT', path: this.#path, body: lease });
  }

  async #read(): Promise<Lease | undefined> {
    try {
      return await this.#cluster.client.call<Lease>({ method: 'GET', path: this.#path });
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw this.#explain(error, 'get');
    }
  }

  #explain(error: unknown, rbacVerb: string) {
    return explainKubeError(
      error,
      {
        context: this.#cluster.name,
        rbacVerb,
        kind: LEASE_KIND,
        namespace: this.#o.namespace,
        name: this.#o.name,
      },
      'target',
    );
  }
}
