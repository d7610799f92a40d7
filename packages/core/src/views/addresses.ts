/**
 * Where a machine can be reached (an EC2 instance, a Kubernetes node): addresses and host names
 * the internet can reach, and the ones only its network can. A monkey that probes endpoints takes
 * its targets from here, never from a provider's raw object.
 */
export interface AddressesView {
  /** Public IPs and DNS names (an instance's public IP and DNS name, a node's ExternalIP). */
  public: string[];
  /** Private IPs and DNS names (an instance's private IP, a node's InternalIP). */
  private: string[];
  /** Ports a service of the machine itself listens on, by name (a node's kubelet). */
  ports?: Record<string, number>;
  /** The firewall groups the machine is in (an instance's security group ids). */
  firewallGroups?: string[];
}
