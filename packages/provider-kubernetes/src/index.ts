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
export { buildRef, parseRef, isKubeRef, type KubeRef } from './ref.js';
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
export { selectorMatches, type LabelSelector } from './label-selector.js';
export {
  diagnoseKubernetes,
  rbacRules,
  renderClusterRole,
  type KubernetesScopeDiagnosis,
} from './doctor.js';
export type { RequestStats } from './rest/client.js';
export { defaultRetryPolicy, type RetryPolicy } from './rest/retry.js';
