import type { Address } from '@aws-sdk/client-ec2';
import type { ResourceViews } from '@simian/core';

/** The elasticIp view of an Elastic IP, as DescribeAddresses returns it. */
export function addressViews(a: Address): ResourceViews {
  return {
    elasticIp: {
      allocationId: a.AllocationId!,
      ...(a.PublicIp ? { publicIp: a.PublicIp } : {}),
      ...(a.AssociationId ? { associationId: a.AssociationId } : {}),
      ...(a.InstanceId ? { instanceId: a.InstanceId } : {}),
      ...(a.NetworkInterfaceId ? { networkInterfaceId: a.NetworkInterfaceId } : {}),
    },
  };
}
