import { awsEmptyBucket } from './aws-empty-bucket.js';
import { awsEmptyScalingGroup } from './aws-empty-scaling-group.js';
import { awsOrphanSnapshot } from './aws-orphan-snapshot.js';
import { awsStoppedInstance } from './aws-stopped-instance.js';
import { awsTtl } from './aws-ttl.js';
import { awsUnassociatedAddress } from './aws-unassociated-address.js';
import { awsUnattachedVolume } from './aws-unattached-volume.js';
import { awsUnusedImage } from './aws-unused-image.js';
import { awsUnusedSecurityGroup } from './aws-unused-security-group.js';
import { k8sEmptyNamespace } from './k8s-empty-namespace.js';
import { k8sFinishedJob } from './k8s-finished-job.js';
import { k8sFinishedPod } from './k8s-finished-pod.js';
import { k8sReleasedVolume } from './k8s-released-volume.js';
import { k8sRulesFile } from './k8s-rules-file.js';
import { k8sServiceWithoutPods } from './k8s-service-without-pods.js';
import { k8sTtl } from './k8s-ttl.js';
import { k8sUnusedClaim } from './k8s-unused-claim.js';
import { k8sUnusedConfigMap } from './k8s-unused-configmap.js';
import { k8sUnusedSecret } from './k8s-unused-secret.js';
import type { JanitorRule, RuleBaseConfig } from './rule.js';

/** Every janitor rule, in the order findings are reported: the one registry. */
export const JANITOR_RULES: readonly JanitorRule<RuleBaseConfig>[] = [
  k8sFinishedJob,
  k8sFinishedPod,
  k8sUnusedConfigMap,
  k8sUnusedSecret,
  k8sUnusedClaim,
  k8sReleasedVolume,
  k8sServiceWithoutPods,
  k8sEmptyNamespace,
  k8sTtl,
  k8sRulesFile,
  awsUnattachedVolume,
  awsOrphanSnapshot,
  awsUnusedImage,
  awsUnassociatedAddress,
  awsUnusedSecurityGroup,
  awsStoppedInstance,
  awsEmptyScalingGroup,
  awsEmptyBucket,
  awsTtl,
] as JanitorRule<RuleBaseConfig>[];

/** A rule by id. */
export const janitorRule = (id: string): JanitorRule<RuleBaseConfig> | undefined =>
  JANITOR_RULES.find((r) => r.id === id);
