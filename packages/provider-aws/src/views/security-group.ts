import type { IpPermission, SecurityGroup } from '@aws-sdk/client-ec2';
import type { ResourceViews } from '@simian/core';

/** The groups a set of rules names, itself left out. */
function groupsNamed(rules: IpPermission[] | undefined, self: string): string[] {
  const ids = (rules ?? []).flatMap((r) => (r.UserIdGroupPairs ?? []).map((p) => p.GroupId));
  return [...new Set(ids.filter((id): id is string => !!id && id !== self))].sort();
}

/** The security group view, as DescribeSecurityGroups returns a group. */
export function securityGroupViews(g: SecurityGroup): ResourceViews {
  return {
    securityGroup: {
      id: g.GroupId!,
      ...(g.GroupName ? { name: g.GroupName } : {}),
      ...(g.VpcId ? { vpcId: g.VpcId } : {}),
      ingressRules: g.IpPermissions?.length ?? 0,
      egressRules: g.IpPermissionsEgress?.length ?? 0,
      referencedGroups: [
        ...new Set([
          ...groupsNamed(g.IpPermissions, g.GroupId!),
          ...groupsNamed(g.IpPermissionsEgress, g.GroupId!),
        ]),
      ].sort(),
    },
  };
}
