/** A static public address (an Elastic IP). */
export interface ElasticIpView {
  /** The id the cloud API takes (`eipalloc-...`). */
  allocationId: string;
  publicIp?: string;
  /** Present while it is associated with something. */
  associationId?: string;
  instanceId?: string;
  networkInterfaceId?: string;
}
