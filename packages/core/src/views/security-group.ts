/** A virtual firewall (an EC2 security group) and the groups its rules name. */
export interface SecurityGroupView {
  id: string;
  name?: string;
  vpcId?: string;
  /** Its rules, counted. */
  ingressRules: number;
  egressRules: number;
  /** Other security groups its rules allow traffic from or to. */
  referencedGroups: string[];
}
