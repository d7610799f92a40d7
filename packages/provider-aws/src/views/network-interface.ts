import type { NetworkInterface } from '@aws-sdk/client-ec2';
import type { ResourceViews } from '@simian/core';

/** The network interface view, as DescribeNetworkInterfaces returns one. */
export function networkInterfaceViews(n: NetworkInterface): ResourceViews {
  return {
    networkInterface: {
      id: n.NetworkInterfaceId!,
      ...(n.Status ? { status: n.Status } : {}),
      securityGroups: (n.Groups ?? []).flatMap((g) => (g.GroupId ? [g.GroupId] : [])),
      ...(n.Attachment?.InstanceId ? { instanceId: n.Attachment.InstanceId } : {}),
      ...(n.InterfaceType ? { interfaceType: n.InterfaceType } : {}),
      requesterManaged: n.RequesterManaged === true,
      ...(n.Description ? { description: n.Description } : {}),
    },
  };
}
