export { kubernetesFeature } from './feature.js';
export { kubernetesProvider, type KubernetesCreateContext } from './factory.js';
export { KubernetesProvider, type KubernetesProviderOptions } from './provider.js';
export { KubernetesLeaseLock, type LeaseLockOptions } from './lease-lock.js';
export {
  kubernetesTargetSchema,
  kubernetesContextSchema,
  namespaceFilterSchema,
  type KubernetesTargetConfig,
  type KubernetesContextConfig,
} from './target-schema.js';
export { defaultInventorySettings, type InventorySettings } from './cluster.js';
export { builtinKinds, builtinKind, kindDescriptor } from './kinds/builtin-kinds.js';
export {
  apiVersionOf,
  resourcePath,
  type KindInfo,
  type KubeObject,
  type KubeObjectMeta,
} from './kinds/kind.js';
export { parseCustomKind, customKindName, type CustomKindName } from './kinds/custom-kinds.js';
export { buildRef, parseRef, isKubeRef, refFromParts, type KubeRef } from './ref.js';
export { cleanObject, toResource, resourceFromObject } from './to-resource.js';
export { kubeVerbs, kubeVerbDescriptors } from './verbs/index.js';
export { FAULT_KINDS } from './faults/fault-kinds.js';
export { faultSchema, type FaultParams } from './faults/fault-params.js';
export {
  netemScript,
  netemClearScript,
  netemQdiscArgs,
  netemLimit,
  netemHandle,
  netemEphemeralContainer,
  NETEM_EXIT,
  type NetemSpec,
} from './faults/netem-script.js';
export type { KubeVerb, VerbContext } from './verbs/verb.js';
export { diagnoseKubernetes, type KubernetesScopeDiagnosis } from './doctor.js';
export {
  isNamespacedResource,
  limitedNamespaces,
  rbacPlan,
  rbacRules,
  renderClusterRole,
  renderRbacPlan,
  type RbacPlan,
  type RbacRule,
} from './rbac-plan.js';
export {
  kubernetesRuntimePermissions,
  leasePermissions,
  clusterReportPermissions,
} from './runtime-permissions.js';
export type { RequestStats } from './rest/client.js';
export { defaultRetryPolicy, type RetryPolicy } from './rest/retry.js';
export {
  configMapKeyPermissions,
  parseConfigMapSource,
  type ConfigMapKey,
} from './configmap-key.js';
