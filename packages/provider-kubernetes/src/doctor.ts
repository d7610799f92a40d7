import { diagnoseScopes, type Permission, type Provider, type ScopeDiagnosis } from '@simian/core';
import { rbacPlan, renderRbacPlan } from './rbac-plan.js';

/** What `simian doctor` learns about one context. */
export type KubernetesScopeDiagnosis = ScopeDiagnosis;

/**
 * For each context of `provider`: can it be reached, as whom, and which of `permissions` are
 * missing, with the ClusterRole (and the Roles, for objects in one namespace) that would grant them. What `simian doctor` prints for Kubernetes.
 */
export function diagnoseKubernetes(
  provider: Provider,
  permissions: Permission[],
): Promise<KubernetesScopeDiagnosis[]> {
  return diagnoseScopes(provider, permissions, (missing) =>
    missing.length > 0 ? renderRbacPlan('simian-missing', rbacPlan(missing)) : undefined,
  );
}
