import {
  DescribeNetworkInterfacesCommand,
  paginateDescribeNetworkInterfaces,
  type NetworkInterface,
} from '@aws-sdk/client-ec2';
import { ec2Arn } from '../arn.js';
import { tagsToRecord } from '../plain.js';
import { networkInterfaceViews } from '../views/network-interface.js';
import { defineDescribedKind } from './described-kind.js';
import { abortOption, awsResource, clampPageSize, placeOf } from './kind.js';

/**
 * Network interfaces: what uses security groups. Every instance, load balancer, Lambda function in
 * a VPC, NAT gateway, ECS task and CodeBuild build has one, so a group no interface carries is used
 * by none of them.
 */
export const networkInterfaceKind = defineDescribedKind<NetworkInterface>({
  kind: 'NetworkInterface',
  call: 'DescribeNetworkInterfaces',
  plural: 'network interfaces',
  singular: 'network interface',
  listActions: ['ec2:DescribeNetworkInterfaces'],
  async *pages(scope, signal) {
    const pageSize = clampPageSize(scope.settings.pageSize, 5, 1000);
    const pages = paginateDescribeNetworkInterfaces(
      { client: scope.ec2, pageSize, ...abortOption(signal) },
      {},
    );
    for await (const page of pages) yield page.NetworkInterfaces ?? [];
  },
  async readOne(scope, id, signal) {
    const answer = await scope.ec2.send(
      new DescribeNetworkInterfacesCommand({ NetworkInterfaceIds: [id] }),
      abortOption(signal),
    );
    return answer.NetworkInterfaces?.[0];
  },
  toResource: (scope, account, ni) =>
    awsResource(placeOf(scope, account), {
      kind: 'NetworkInterface',
      id: ni.NetworkInterfaceId!,
      arn: ec2Arn(scope.region, account, 'network-interface', ni.NetworkInterfaceId!),
      tags: tagsToRecord(ni.TagSet),
      views: networkInterfaceViews(ni),
      raw: ni,
    }),
});
