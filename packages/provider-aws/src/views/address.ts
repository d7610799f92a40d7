import type { Address } from '@aws-sdk/client-ec2';
import type { ResourceViews } from '@simian/core';

/** The address view of an Elastic IP, as DescribeAddresses returns it. */
export function addressViews(a: Address): ResourceViews {
  return {
    address: {
      allocationId: a.AllocationId!,
      ...(a.PublicIp ? { publicIp: a.PublicIp } : {}),
      ...(a.AssociationId ? { associationId: a.AssociationId } : {}),
      ...(a.InstanceId ? { instanceId: a.InstanceId } : {}),
      ...(a.NetworkInterfaceId ? { networkInterfaceId: a.NetworkInterfaceId } : {}),
    },
  };
}
