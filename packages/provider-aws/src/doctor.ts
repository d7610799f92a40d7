import { diagnoseScopes, type Permission, type Provider, type ScopeDiagnosis } from '@simian/core';

/** What `simian doctor` learns about one AWS scope: `identity` is the caller ARN. */
export type AwsScopeDiagnosis = ScopeDiagnosis;

/** An IAM policy document allowing every action in `permissions`: on all resources, or on the ones a permission names. */
export function iamPolicyFor(permissions: Permission[]): string {
  const iam = permissions.filter((p) => p.kind === 'iam');
  const anywhere = [...new Set(iam.filter((p) => !p.resources).flatMap((p) => p.actions))].sort();
  const statements: Array<{
    Sid: string;
    Effect: 'Allow';
    Action: string[];
    Resource: string | string[];
  }> =
    anywhere.length > 0
      ? [{ Sid: 'Simian', Effect: 'Allow', Action: anywhere, Resource: '*' }]
      : [];
  // A permission limited to named resources (the kill-switch parameter) gets its own statement.
  for (const [i, p] of iam.filter((x) => x.resources).entries()) {
    statements.push({
      Sid: `SimianScoped${i + 1}`,
      Effect: 'Allow',
      Action: [...p.actions].sort(),
      Resource: p.resources!,
    });
  }
  return JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2);
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
