import type { Logger } from '@simian/core';
import { builtinKind } from './kinds/builtin-kinds.js';
import { CustomKindResolver, parseCustomKind, parseCustomRefKind } from './kinds/custom-kinds.js';
import { unknownKind, type KindInfo } from './kinds/kind.js';
import type { LoadedContext } from './kubeconfig.js';
import { RestClient, type RequestStats } from './rest/client.js';
import { KubeConnection } from './rest/connection.js';
import { defaultRetryPolicy } from './rest/retry.js';
import { Semaphore } from '@simian/core';
import type { KubernetesContextConfig } from './target-schema.js';

/** Inventory settings that simian.yaml keeps under `inventory:` and a context may override. */
export interface InventorySettings {
  /** @default 500 */
  pageSize: number;
  /** @default "owner" */
  ownerLabel: string;
  /** @default 8 */
  concurrency: number;
}

/** The defaults of {@link InventorySettings}, the same as core's `inventory` section. */
export const defaultInventorySettings: InventorySettings = {
  pageSize: 500,
  ownerLabel: 'owner',
  concurrency: 8,
};

/** One context: its client, its namespace filter and its settings. One scope of the provider. */
export class KubeCluster {
  /** The scope name. */
  readonly name: string;
  readonly client: RestClient;
  readonly config: KubernetesContextConfig;
  readonly settings: InventorySettings;
  /** The kubeconfig user name, for messages. */
  readonly user: string | undefined;
  readonly #customKinds: CustomKindResolver;

  constructor(
    loaded: LoadedContext,
    config: KubernetesContextConfig,
    inventory: InventorySettings,
    shared: { stats: RequestStats; logger: Logger },
  ) {
    this.name = loaded.scope;
    this.config = config;
    this.user = loaded.user;
    this.settings = {
      pageSize: config.pageSize ?? inventory.pageSize,
      ownerLabel: config.ownerLabel ?? inventory.ownerLabel,
      concurrency: config.concurrency ?? inventory.concurrency,
    };
    const connection = new KubeConnection(loaded.kubeConfig, {
      maxSockets: this.settings.concurrency,
    });
    this.client = new RestClient(connection, {
      semaphore: new Semaphore(this.settings.concurrency),
      retry: { ...defaultRetryPolicy, maxAttempts: config.maxAttempts },
      timeoutMs: config.requestTimeoutMs,
      stats: shared.stats,
      logger: shared.logger.child({ context: this.name }),
    });
    this.#customKinds = new CustomKindResolver(this.client, this.name);
  }

  /** A kind by the name monkeys use: `Pod`, `pods`, or `group/version/Kind` for a custom resource. */
  async kind(name: string, signal?: AbortSignal): Promise<KindInfo> {
    const builtin = builtinKind(name);
    if (builtin) return builtin;
    const custom = parseCustomKind(name);
    if (custom) return this.#customKinds.resolve(custom, signal);
    throw unknownKind(name);
  }

  /** A kind by its segment in a ref: `Pod`, or `NetworkChaos.v1alpha1.chaos-mesh.org`. */
  async refKind(refKind: string, signal?: AbortSignal): Promise<KindInfo> {
    const builtin = builtinKind(refKind);
    if (builtin) return builtin;
    const custom = parseCustomRefKind(refKind);
    if (custom) return this.#customKinds.resolve(custom, signal);
    throw unknownKind(refKind);
  }

  /** Whether Simian may see or touch objects in `namespace`. */
  allowsNamespace(namespace: string): boolean {
    const filter = this.config.namespaces;
    if (!filter) return true;
    if (filter.include && !filter.include.includes(namespace)) return false;
    return !filter.exclude.includes(namespace);
  }

  close(): void {
    this.client.connection.close();
  }
}
