import {
  ActionFailedError,
  ConfigError,
  SimianError,
  parseActionParams,
  type Action,
  type ExecuteOptions,
  type FaultRecord,
  type ListOptions,
  type LogReadOptions,
  type Logger,
  type Permission,
  type PermissionCheck,
  type Provider,
  type RefParts,
  type ReportObject,
  type ReportObjectSync,
  type Resource,
  type ResourceRef,
} from '@simian/core';
import { defaultInventorySettings, KubeCluster, type InventorySettings } from './cluster.js';
import { explainKubeError } from './errors.js';
import { rbacPermission, resourcePath, type KubeObject } from './kinds/kind.js';
import { readKillSwitch } from './kill-switch.js';
import { loadContext } from './kubeconfig.js';
import { listKind } from './list.js';
import { listClusterFaults } from './faults/list-faults.js';
import { checkRbac } from './permissions.js';
import { pingCluster } from './ping.js';
import { readConfigMapKey, type ConfigMapKey } from './configmap-key.js';
import { KubernetesLeaseLock, type LeaseLockOptions } from './lease-lock.js';
import { readPodLog } from './read-log.js';
import { syncReportObjects } from './report-objects.js';
import { parseRef, refFromParts } from './ref.js';
import { isNotFound } from './rest/api-error.js';
import { emptyRequestStats, type RequestStats } from './rest/client.js';
import type { KubernetesTargetConfig } from './target-schema.js';
import { cleanObject, toResource } from './to-resource.js';
import { kubeVerb, kubeVerbs } from './verbs/index.js';

/** What {@link KubernetesProvider} is built with, besides its target config. */
export interface KubernetesProviderOptions {
  logger: Logger;
  /** The folder of simian.yaml: relative kubeconfig paths start here. */
  configDir: string;
  /**
   * simian.yaml's `inventory` section, when the engine passes it; a context's own fields win.
   * @default { pageSize: 500, ownerLabel: "owner", concurrency: 8 }
   */
  inventory?: Partial<InventorySettings>;
}

/**
 * Inventory and actions over one or more Kubernetes contexts, each a scope. Talks to the API
 * servers with raw JSON requests (see `rest/`), so objects reach the inventory exactly as the
 * server sent them (minus Secret values and managedFields).
 */
export class KubernetesProvider implements Provider {
  readonly name = 'kubernetes';
  readonly #clusters = new Map<string, KubeCluster>();
  readonly #stats: RequestStats = emptyRequestStats();
  readonly #logger: Logger;

  constructor(config: KubernetesTargetConfig, options: KubernetesProviderOptions) {
    this.#logger = options.logger;
    const inventory = { ...defaultInventorySettings, ...options.inventory };
    config.forEach((entry, index) => {
      const loaded = loadContext(entry, index, options.configDir);
      if (this.#clusters.has(loaded.scope)) {
        throw new ConfigError([
          {
            path: `targets.kubernetes[${index}]`,
            message: `a second entry for context "${loaded.scope}": give one of them a distinct \`name\``,
          },
        ]);
      }
      this.#clusters.set(
        loaded.scope,
        new KubeCluster(loaded, entry, inventory, { stats: this.#stats, logger: options.logger }),
      );
    });
  }

  scopes(): string[] {
    return [...this.#clusters.keys()];
  }

  async list(kind: string, scope: string, options: ListOptions = {}): Promise<Resource[]> {
    const cluster = this.#cluster(scope);
    return listKind(cluster, await cluster.kind(kind, options.signal), options);
  }

  /** `k8s:<context>/<namespace or _>/<Kind>/<name>`, for a configured context. */
  ref(parts: RefParts): ResourceRef {
    this.#cluster(parts.scope);
    return refFromParts(parts);
  }

  async read(
    ref: ResourceRef,
    options: { signal?: AbortSignal } = {},
  ): Promise<Resource | undefined> {
    const parsed = parseRef(ref);
    const cluster = this.#cluster(parsed.context);
    const kind = await cluster.refKind(parsed.refKind, options.signal);
    try {
      const object = await cluster.client.call<KubeObject>({
        method: 'GET',
        path: resourcePath(kind, { namespace: parsed.namespace, name: parsed.name }),
        ...(options.signal ? { signal: options.signal } : {}),
      });
      return toResource(kind, cleanObject(kind, object), {
        context: cluster.name,
        ownerLabel: cluster.settings.ownerLabel,
      });
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw explainKubeError(
        error,
        {
          context: cluster.name,
          rbacVerb: 'get',
          kind,
          namespace: parsed.namespace,
          name: parsed.name,
        },
        'target',
      );
    }
  }

  /** A leader lock on a Lease in context `scope`, for `simian daemon` replicas. */
  /** The text of one key of a ConfigMap in `scope` (a `configmap://ns/name/key` source). */
  readConfigMapKey(scope: string, where: ConfigMapKey): Promise<string> {
    return readConfigMapKey(this.#cluster(scope), where);
  }

  leaseLock(scope: string, options: LeaseLockOptions): KubernetesLeaseLock {
    return new KubernetesLeaseLock(this.#cluster(scope), options);
  }

  /** A container's log (`pods/log`), fetched by the API server from the node's kubelet. */
  async readLog(ref: ResourceRef, options: LogReadOptions = {}): Promise<string> {
    return readPodLog(this.#cluster(parseRef(ref).context), ref, options);
  }

  /**
   * Carries out `action`. Every mutating call carries `dryRun=All` in dry-run, so the server
   * validates it (admission, RBAC, PodDisruptionBudgets) without persisting anything. An eviction
   * refused by a PodDisruptionBudget returns `{ skipped: true, reason, pdb }` instead of throwing.
   */
  async execute(action: Action, options: ExecuteOptions): Promise<Record<string, unknown>> {
    const ref = parseRef(action.resource.ref);
    const cluster = this.#cluster(ref.context);
    const kind = await cluster.refKind(ref.refKind, options.signal);
    const verb = kubeVerb(action.verb);
    if (!verb) {
      throw new SimianError(
        'INPUT_INVALID',
        `the Kubernetes provider has no verb "${action.verb}" (action ${action.id})`,
        {
          hint: `its verbs are: ${kubeVerbs.map((v) => v.verb).join(', ')}`,
        },
      );
    }
    if (!verb.appliesTo(kind)) {
      throw new SimianError(
        'INPUT_INVALID',
        `"${action.verb}" does not apply to ${kind.kind} (action ${action.id} on ${action.resource.ref})`,
        {
          hint: 'see docs/providers.md for which verbs apply to which kinds',
        },
      );
    }
    if (ref.namespace !== undefined && !cluster.allowsNamespace(ref.namespace)) {
      throw new ActionFailedError(
        `kubernetes (context ${cluster.name}): namespace ${ref.namespace} is outside targets.kubernetes namespaces; refusing to ${action.verb} ${action.resource.ref}`,
        { hint: 'the plan predates a config change: plan again' },
      );
    }
    const params = parseActionParams(verb.params, action);
    return verb.run(
      {
        cluster,
        kind,
        ref,
        action,
        dryRun: options.dryRun,
        logger: options.logger,
        ...(options.signal ? { signal: options.signal } : {}),
        ...(options.fault ? { fault: options.fault } : {}),
      },
      params,
    );
  }

  /** Every object in context `scope` that carries a fault stamp, on the kinds faults live on. */
  async listFaults(scope: string, options: { signal?: AbortSignal } = {}): Promise<FaultRecord[]> {
    return listClusterFaults(this.#cluster(scope), options.signal);
  }

  async ping(scope: string): Promise<{ ok: boolean; identity?: string; detail?: string }> {
    return pingCluster(this.#cluster(scope));
  }

  async checkPermissions(scope: string, permissions: Permission[]): Promise<PermissionCheck[]> {
    return checkRbac(this.#cluster(scope), permissions);
  }

  /**
   * The RBAC permissions `verb` (or `list` / `get` for the inventory) needs on `kind` in `scope`;
   * unlike `ProviderFactory.verbs`, this covers custom resources, whose plural only the server knows.
   */
  async permissionsFor(verb: string, kind: string, scope: string): Promise<Permission[]> {
    const info = await this.#cluster(scope).kind(kind);
    if (verb === 'list' || verb === 'get') return [rbacPermission(info, [verb])];
    const v = kubeVerb(verb);
    return v && v.appliesTo(info) ? v.permissions(info) : [];
  }

  /** Simian's report objects (PolicyReports, OpenReports) in context `scope`, exactly `objects`. */
  async syncReportObjects(
    scope: string,
    objects: ReportObject[],
    sync: ReportObjectSync,
  ): Promise<{ applied: number; deleted: number }> {
    return syncReportObjects(this.#cluster(scope), objects, sync);
  }

  async killSwitch(): Promise<string | undefined> {
    for (const cluster of this.#clusters.values()) {
      const reason = await readKillSwitch(cluster);
      if (reason) return reason;
    }
    return undefined;
  }

  /** API requests made so far, over all contexts (retries included). */
  stats(): RequestStats {
    return { ...this.#stats };
  }

  async close(): Promise<void> {
    for (const cluster of this.#clusters.values()) cluster.close();
    this.#logger.debug({ requests: this.#stats.requests }, 'kubernetes provider closed');
  }

  #cluster(scope: string): KubeCluster {
    const cluster = this.#clusters.get(scope);
    if (!cluster) {
      throw new SimianError('INPUT_INVALID', `no Kubernetes context "${scope}" is configured`, {
        hint: `configured contexts: ${this.scopes().join(', ') || 'none'} (targets.kubernetes in simian.yaml)`,
      });
    }
    return cluster;
  }
}
