import type { Logger, ProviderFactory } from '@simian/core';
import type { InventorySettings } from './cluster.js';
import { builtinKinds, kindDescriptor } from './kinds/builtin-kinds.js';
import { discoveredKinds } from './kinds/discovered-kinds.js';
import { faultCustomKinds } from './kinds/fault-custom-kinds.js';
import { KubernetesProvider } from './provider.js';
import { kubernetesRuntimePermissions } from './runtime-permissions.js';
import { kubernetesTargetSchema, type KubernetesTargetConfig } from './target-schema.js';
import { kubeVerbDescriptors } from './verbs/index.js';

/** What the engine hands to `create`; `inventory` is passed when the engine has it. */
export interface KubernetesCreateContext {
  logger: Logger;
  configDir: string;
  /** simian.yaml's `inventory` section (pageSize, ownerLabel, concurrency). */
  inventory?: Partial<InventorySettings>;
}

/**
 * The `kubernetes` provider: `targets.kubernetes` in simian.yaml, the built-in kinds it lists
 * (custom resources by `group/version/Kind` as well) and the verbs it carries out.
 */
export const kubernetesProvider = {
  name: 'kubernetes',
  description:
    'Kubernetes clusters through their API servers: inventory of workloads, config, RBAC and custom resources; evictions, deletes, scaling, marks, ephemeral-container kills.',
  targetSchema: kubernetesTargetSchema,
  kinds: [...builtinKinds, ...faultCustomKinds, ...discoveredKinds].map(kindDescriptor),
  verbs: kubeVerbDescriptors(),
  runtimePermissions: kubernetesRuntimePermissions,
  create(config: KubernetesTargetConfig, context: KubernetesCreateContext): KubernetesProvider {
    return new KubernetesProvider(config, context);
  },
} satisfies ProviderFactory<typeof kubernetesTargetSchema>;
