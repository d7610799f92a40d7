import {
  DescribeSecurityGroupsCommand,
  paginateDescribeSecurityGroups,
  type SecurityGroup,
} from '@aws-sdk/client-ec2';
import { ec2Arn } from '../arn.js';
import { explainAwsError, isAwsNotFound } from '../errors.js';
import { tagsToRecord } from '../plain.js';
import type { AwsScope } from '../scope.js';
import { abortOption, awsResource, clampPageSize, defineAwsKind } from './kind.js';

const toResource = (scope: AwsScope, account: string, group: SecurityGroup) =>
  awsResource(scope, account, {
    kind: 'SecurityGroup',
    id: group.GroupId!,
    arn: ec2Arn(scope.region, account, 'security-group', group.GroupId!),
    tags: tagsToRecord(group.Tags),
    raw: group,
  });

const listActions = ['ec2:DescribeSecurityGroups'];

/** Security groups with their rules (`raw.IpPermissions`, `raw.IpPermissionsEgress`), default groups included. */
export const securityGroupKind = defineAwsKind({
  kind: 'SecurityGroup',
  service: 'ec2',
  listActions,
  async list(scope, { signal }) {
    const account = await scope.account();
    const out = [];
    try {
      const pages = paginateDescribeSecurityGroups(
        {
          client: scope.ec2,
          pageSize: clampPageSize(scope.settings.pageSize, 5, 1000),
          ...abortOption(signal),
        },
        {},
      );
      for await (const page of pages)
        for (const g of page.SecurityGroups ?? []) out.push(toResource(scope, account, g));
    } catch (error) {
      throw explainAwsError(
        error,
        { scope, call: 'DescribeSecurityGroups', what: 'security groups', iamActions: listActions },
        'target',
      );
    }
    return out;
  },
  async read(scope, id, signal) {
    const account = await scope.account();
    try {
      const answer = await scope.ec2.send(
        new DescribeSecurityGroupsCommand({ GroupIds: [id] }),
        abortOption(signal),
      );
      const group = answer.SecurityGroups?.[0];
      return group ? toResource(scope, account, group) : undefined;
    } catch (error) {
      if (isAwsNotFound(error)) return undefined;
      throw explainAwsError(
        error,
        {
          scope,
          call: 'DescribeSecurityGroups',
          what: `security group ${id}`,
          iamActions: listActions,
        },
        'target',
      );
    }
  },
});
