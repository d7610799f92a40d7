/** A network interface (an ENI): what uses it and which security groups guard it. */
export interface NetworkInterfaceView {
  id: string;
  /** `available`, `in-use`, ... */
  status?: string;
  /** The security groups on it. */
  securityGroups: string[];
  /** The instance it is attached to, if any. */
  instanceId?: string;
  /** What made it (`interface`, `lambda`, `load_balancer`, ...). */
  interfaceType?: string;
  /** Made and managed by a service (a load balancer, a NAT gateway, Lambda). */
  requesterManaged: boolean;
  description?: string;
}
