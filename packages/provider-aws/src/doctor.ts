import type { Permission, PermissionCheck, Provider } from '@simian/core';

/** What `simian doctor` learns about one AWS scope. */
export interface AwsScopeDiagnosis {
  scope: string;
  reachable: boolean;
  /** The caller ARN. */
  identity?: string;
  detail?: string;
  checks: PermissionCheck[];
  /** Permissions found missing. */
  missing: Permission[];
  /** Permissions that could not be checked (no iam:SimulatePrincipalPolicy, root, moto). */
  unknown: Permission[];
  /** An IAM policy (JSON) granting what is missing or unknown; absent when everything is allowed. */
  grant?: string;
}

/** An IAM policy document allowing every action in `permissions`, on all resources. */
export function iamPolicyFor(permissions: Permission[]): string {
  const actions = [
    ...new Set(permissions.flatMap((p) => (p.kind === 'iam' ? p.actions : []))),
  ].sort();
  return JSON.stringify(
    {
      Version: '2012-10-17',
      Statement: [{ Sid: 'Simian', Effect: 'Allow', Action: actions, Resource: '*' }],
    },
    null,
    2,
  );
}

/**
 * For each scope of `provider`: reachable, as whom (STS), and which of `permissions` are missing
 * or could not be checked, with an IAM policy granting them. What `simian doctor` prints for AWS.
 */
export async function diagnoseAws(
  provider: Provider,
  permissions: Permission[],
): Promise<AwsScopeDiagnosis[]> {
  return Promise.all(
    provider.scopes().map(async (scope): Promise<AwsScopeDiagnosis> => {
      const ping = (await provider.ping?.(scope)) ?? { ok: true };
      const base = {
        scope,
        reachable: ping.ok,
        ...(ping.identity ? { identity: ping.identity } : {}),
        ...(ping.detail ? { detail: ping.detail } : {}),
      };
      if (!ping.ok || !provider.checkPermissions)
        return { ...base, checks: [], missing: [], unknown: [] };
      const checks = await provider.checkPermissions(scope, permissions);
      const missing = checks.filter((c) => c.allowed === false).map((c) => c.permission);
      const unknown = checks.filter((c) => c.allowed === 'unknown').map((c) => c.permission);
      const toGrant = [...missing, ...unknown];
      return {
        ...base,
        checks,
        missing,
        unknown,
        ...(toGrant.length > 0 ? { grant: iamPolicyFor(toGrant) } : {}),
      };
    }),
  );
}
