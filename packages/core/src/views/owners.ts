/** An object that owns another (a Kubernetes ownerReference): deleting the owner deletes it. */
export interface OwnerView {
  kind: string;
  name: string;
  /** Whether the owner is its managing controller. */
  controller: boolean;
}
