import { SimulatePrincipalPolicyCommand } from '@aws-sdk/client-iam';
import type { Permission, PermissionCheck } from '@simian/core';
import { awsErrorName } from './errors.js';
import type { AwsScope } from './scope.js';

/**
 * The IAM principal behind a caller ARN, as SimulatePrincipalPolicy takes it: an assumed role's
 * session ARN becomes the role's ARN. Undefined for the root user, which cannot be simulated.
 * (A role with a path loses the path here: the session ARN does not carry it.)
 */
export function principalArn(callerArn: string): string | undefined {
  const m = /^arn:([^:]+):(sts|iam)::(\d{12}):(.+)$/.exec(callerArn);
  if (!m) return undefined;
  const [, partition, , account, resource] = m;
  if (resource === 'root') return undefined;
  const assumed = /^assumed-role\/([^/]+)\//.exec(resource!);
  if (assumed) return `arn:${partition}:iam::${account}:role/${assumed[1]}`;
  return `arn:${partition}:iam::${account}:${resource}`;
}

/**
 * Which IAM permissions the current identity holds, by `iam:SimulatePrincipalPolicy` on its own
 * principal. Where that cannot be asked (no permission to simulate, the root user, an endpoint
 * without IAM such as moto), every answer is `unknown` with the reason: doctor then prints the
 * statement to grant without claiming it is missing.
 */
export async function checkIam(
  scope: AwsScope,
  permissions: Permission[],
): Promise<PermissionCheck[]> {
  const unknown = (detail: string) =>
    permissions.map((permission): PermissionCheck => ({ permission, allowed: 'unknown', detail }));
  const iam = permissions.filter((p) => p.kind === 'iam');
  if (iam.length === 0) return unknown('not an IAM permission: the AWS provider checks IAM only');
  let caller: string;
  try {
    caller = (await scope.callerIdentity()).arn;
  } catch (error) {
    return unknown(`could not tell who we are: ${(error as Error).message}`);
  }
  const principal = principalArn(caller);
  const account = caller.split(':')[4] ?? '*';
  if (!principal)
    return unknown(`${caller} cannot be simulated (the root user may do anything an SCP allows)`);
  const simulate = async (actions: string[], resources?: string[]) => {
    const decisions = new Map<string, string>();
    let marker: string | undefined;
    do {
      const answer = await scope.iam.send(
        new SimulatePrincipalPolicyCommand({
          PolicySourceArn: principal,
          ActionNames: actions,
          ...(resources ? { ResourceArns: resources } : {}),
          ...(marker ? { Marker: marker } : {}),
        }),
      );
      for (const r of answer.EvaluationResults ?? [])
        if (r.EvalActionName) decisions.set(r.EvalActionName, r.EvalDecision ?? 'unknown');
      marker = answer.IsTruncated ? answer.Marker : undefined;
    } while (marker);
    return decisions;
  };
  // Permissions on named resources (the kill-switch parameter) are simulated on those resources:
  // a policy that grants exactly them is not allowed on `*`.
  const anywhere = iam.filter((p) => p.kind === 'iam' && !p.resources);
  const decisionsOf = new Map<Permission, Map<string, string>>();
  try {
    const shared = await simulate([
      ...new Set(anywhere.flatMap((p) => (p.kind === 'iam' ? p.actions : []))),
    ]);
    for (const p of anywhere) decisionsOf.set(p, shared);
    for (const p of iam) {
      if (p.kind !== 'iam' || !p.resources) continue;
      // A resource written for any account (`arn:aws:ssm:eu-west-1:*:...`) is simulated in ours.
      const ours = p.resources.map((r) =>
        r.replace(/^(arn:[^:]+:[^:]+:[^:]*:)\*:/, `$1${account}:`),
      );
      decisionsOf.set(p, await simulate(p.actions, ours));
    }
  } catch (error) {
    return unknown(
      `iam:SimulatePrincipalPolicy on ${principal} failed (${awsErrorName(error)}): grant it to let doctor check, or check by hand`,
    );
  }
  return permissions.map((permission): PermissionCheck => {
    if (permission.kind !== 'iam')
      return { permission, allowed: 'unknown', detail: 'not an IAM permission' };
    const decisions = decisionsOf.get(permission) ?? new Map<string, string>();
    const missing = permission.actions.filter((a) => decisions.get(a) !== 'allowed');
    if (missing.length === 0) return { permission, allowed: true };
    return {
      permission,
      allowed: false,
      detail: `missing: ${missing.map((a) => `${a} (${decisions.get(a) ?? 'not evaluated'})`).join(', ')}`,
    };
  });
}
