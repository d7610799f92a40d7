import { diagnoseScopes, type Permission, type Provider, type ScopeDiagnosis } from '@simian/core';

/** What `simian doctor` learns about one AWS scope: `identity` is the caller ARN. */
export type AwsScopeDiagnosis = ScopeDiagnosis;

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
export function diagnoseAws(
  provider: Provider,
  permissions: Permission[],
): Promise<AwsScopeDiagnosis[]> {
  return diagnoseScopes(provider, permissions, (missing, unknown) =>
    missing.length + unknown.length > 0 ? iamPolicyFor([...missing, ...unknown]) : undefined,
  );
}
