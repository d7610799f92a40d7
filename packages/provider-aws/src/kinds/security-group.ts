import {
  DescribeSecurityGroupsCommand,
  paginateDescribeSecurityGroups,
  type SecurityGroup,
} from '@aws-sdk/client-ec2';
import { ec2Arn } from '../arn.js';
import { tagsToRecord } from '../plain.js';
import { securityGroupViews } from '../views/security-group.js';
import { defineDescribedKind } from './described-kind.js';
import { abortOption, awsResource, placeOf, clampPageSize } from './kind.js';

/** Security groups with their rules (`raw.IpPermissions`, `raw.IpPermissionsEgress`), default groups included. */
export const securityGroupKind = defineDescribedKind<SecurityGroup>({
  kind: 'SecurityGroup',
  call: 'DescribeSecurityGroups',
  plural: 'security groups',
  singular: 'security group',
  listActions: ['ec2:DescribeSecurityGroups'],
  async *pages(scope, signal) {
    const pageSize = clampPageSize(scope.settings.pageSize, 5, 1000);
    const pages = paginateDescribeSecurityGroups(
      { client: scope.ec2, pageSize, ...abortOption(signal) },
      {},
    );
    for await (const page of pages) yield page.SecurityGroups ?? [];
  },
  async readOne(scope, id, signal) {
    const answer = await scope.ec2.send(
      new DescribeSecurityGroupsCommand({ GroupIds: [id] }),
      abortOption(signal),
    );
    return answer.SecurityGroups?.[0];
  },
  toResource: (scope, account, group) =>
    awsResource(placeOf(scope, account), {
      kind: 'SecurityGroup',
      id: group.GroupId!,
      arn: ec2Arn(scope.region, account, 'security-group', group.GroupId!),
      tags: tagsToRecord(group.Tags),
      views: securityGroupViews(group),
      raw: group,
    }),
});
