import type { AddressesView } from './addresses.js';
import type { ElasticIpView } from './elastic-ip.js';
import type { BucketView } from './bucket.js';
import type { ImageView } from './image.js';
import type { IngressView } from './ingress.js';
import type { JobView } from './job.js';
import type { LaunchSpecView } from './launch-spec.js';
import type { NetworkInterfaceView } from './network-interface.js';
import type { OwnerView } from './owners.js';
import type { PersistentVolumeView } from './persistent-volume.js';
import type { PodSpecView } from './pod-spec.js';
import type { SecretView } from './secret.js';
import type { SecurityGroupView } from './security-group.js';
import type { ServiceAccountView } from './service-account.js';
import type { ServiceView } from './service.js';
import type { SnapshotView } from './snapshot.js';
import type { VolumeClaimView } from './volume-claim.js';
import type { VolumeView } from './volume.js';
import type { DisruptionBudgetView } from './disruption-budget.js';
import type { InstanceView } from './instance.js';
import type { NodeView } from './node.js';
import type { PodView } from './pod.js';
import type { ScalingGroupView } from './scaling-group.js';
import type { WorkloadView } from './workload.js';

export type * from './addresses.js';
export type * from './elastic-ip.js';
export type * from './bucket.js';
export type * from './image.js';
export type * from './ingress.js';
export type * from './job.js';
export type * from './launch-spec.js';
export type * from './network-interface.js';
export type * from './owners.js';
export type * from './persistent-volume.js';
export type * from './pod-spec.js';
export type * from './secret.js';
export type * from './security-group.js';
export type * from './service-account.js';
export type * from './service.js';
export type * from './snapshot.js';
export type * from './volume-claim.js';
export type * from './volume.js';
export type * from './disruption-budget.js';
export type * from './instance.js';
export type * from './node.js';
export type * from './pod.js';
export type * from './scaling-group.js';
export type * from './workload.js';
import type { ContainerProbesView } from './container-probes.js';
import type { EndpointsView } from './endpoints.js';

export type * from './container-probes.js';
export type * from './endpoints.js';

/**
 * Typed views a provider fills on a `Resource` for the kinds it knows, so monkeys know their
 * domain without knowing any provider's API objects. One file per view; a view is added by one
 * file and one line here (and its export above). Every field is what the provider read, never a
 * guess: a view that cannot be filled is absent, and a monkey treats absence as "unknown".
 */
export interface ResourceViews {
  /** Deployments, StatefulSets, ReplicaSets, DaemonSets (Kubernetes). */
  workload?: WorkloadView;
  /** Pods (Kubernetes). */
  pod?: PodView;
  /** Nodes (Kubernetes). */
  node?: NodeView;
  /** PodDisruptionBudgets (Kubernetes). */
  disruptionBudget?: DisruptionBudgetView;
  /** EC2 instances (AWS). */
  instance?: InstanceView;
  /** Auto Scaling groups (AWS). */
  scalingGroup?: ScalingGroupView;
  /** Where a machine (an EC2 instance, a Kubernetes node) can be reached. */
  addresses?: AddressesView;
  /** What a pod spec references: Pods, workloads, Jobs and CronJobs (Kubernetes). */
  podSpec?: PodSpecView;
  /** Every object that owns it (Kubernetes ownerReferences), for the kinds that fill it. */
  owners?: OwnerView[];
  /** Jobs (Kubernetes). */
  job?: JobView;
  /** PersistentVolumeClaims (Kubernetes). */
  volumeClaim?: VolumeClaimView;
  /** PersistentVolumes (Kubernetes). */
  persistentVolume?: PersistentVolumeView;
  /** Services (Kubernetes): type, ports, load-balancer addresses, pod selector. */
  service?: ServiceView;
  /** Secrets, without their values (Kubernetes). */
  secret?: SecretView;
  /** ServiceAccounts (Kubernetes). */
  serviceAccount?: ServiceAccountView;
  /** Ingresses (Kubernetes): hosts, TLS hosts and secrets, load-balancer addresses, backends. */
  ingress?: IngressView;
  /** EBS volumes (AWS). */
  volume?: VolumeView;
  /** EBS snapshots (AWS). */
  snapshot?: SnapshotView;
  /** AMIs (AWS). */
  image?: ImageView;
  /** Elastic IPs (AWS). */
  elasticIp?: ElasticIpView;
  /** Security groups (AWS). */
  securityGroup?: SecurityGroupView;
  /** Network interfaces (AWS). */
  networkInterface?: NetworkInterfaceView;
  /** Launch templates and launch configurations (AWS). */
  launchSpec?: LaunchSpecView;
  /** S3 buckets (AWS). */
  bucket?: BucketView;
  /** EndpointSlices (Kubernetes). */
  endpoints?: EndpointsView;
  /** The kubelet probes of a pod's containers (Kubernetes Pods). */
  probes?: ContainerProbesView;
}
