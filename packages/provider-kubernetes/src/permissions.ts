import type { Permission, PermissionCheck } from '@simian/core';
import type { KubeCluster } from './cluster.js';
import { isNamespacedResource } from './rbac-plan.js';

interface AccessReview {
  status?: { allowed?: boolean; denied?: boolean; reason?: string; evaluationError?: string };
}

/**
 * Asks the API server, with one SelfSubjectAccessReview per verb (and per included namespace when
 * the context is limited to some), whether the current identity holds each permission. A
 * permission counts as allowed only when every verb is allowed everywhere it is needed.
 */
export async function checkRbac(
  cluster: KubeCluster,
  permissions: Permission[],
): Promise<PermissionCheck[]> {
  return Promise.all(
    permissions.map(async (permission): Promise<PermissionCheck> => {
      if (permission.kind !== 'rbac') {
        return {
          permission,
          allowed: 'unknown',
          detail: 'an IAM permission: the Kubernetes provider checks RBAC only',
        };
      }
      const include = cluster.config.namespaces?.include;
      const namespaces: Array<string | undefined> = permission.namespace
        ? [permission.namespace]
        : include && isNamespacedResource(permission.group, permission.resource)
          ? include
          : [undefined];
      const names: Array<string | undefined> = permission.resourceNames ?? [undefined];
      const questions = permission.verbs.flatMap((verb) =>
        namespaces.flatMap((namespace) => names.map((name) => ({ verb, namespace, name }))),
      );
      try {
        const answers = await Promise.all(
          questions.map(async (q) => ({
            ...q,
            review: await review(cluster, permission, q),
          })),
        );
        const missing = answers.filter((a) => a.review.status?.allowed !== true);
        if (missing.length === 0) return { permission, allowed: true };
        const where = (ns: string | undefined) => (ns ? ` in namespace ${ns}` : ' cluster-wide');
        return {
          permission,
          allowed: false,
          detail: `missing: ${missing.map((m) => `${m.verb}${where(m.namespace)}`).join(', ')}`,
        };
      } catch (error) {
        return {
          permission,
          allowed: 'unknown',
          detail: `the access review failed: ${(error as Error).message}`,
        };
      }
    }),
  );
}

function review(
  cluster: KubeCluster,
  permission: Extract<Permission, { kind: 'rbac' }>,
  {
    verb,
    namespace,
    name,
  }: { verb: string; namespace: string | undefined; name: string | undefined },
): Promise<AccessReview> {
  return cluster.client.call<AccessReview>({
    method: 'POST',
    path: '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews',
    body: {
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'SelfSubjectAccessReview',
      spec: {
        resourceAttributes: {
          group: permission.group,
          resource: permission.resource,
          verb,
          ...(permission.subresource ? { subresource: permission.subresource } : {}),
          ...(namespace ? { namespace } : {}),
          ...(name ? { name } : {}),
        },
      },
    },
  });
}
