import { APPLY_MANIFEST, applyManifest } from './apply-manifest.js';
import { CREATE_CUSTOM_OBJECT, createCustomObject } from './create-custom-object.js';
import { DELETE_CUSTOM_OBJECT, deleteCustomObject } from './delete-custom-object.js';
import { DELETE_MANIFEST, deleteManifest } from './delete-manifest.js';
import {
  DEPLOYMENT_AVAILABLE_AND_HEALTHY,
  deploymentAvailableAndHealthy,
} from './deployment-available-and-healthy.js';
import {
  DEPLOYMENT_FULLY_AVAILABLE,
  deploymentFullyAvailable,
} from './deployment-fully-available.js';
import {
  DEPLOYMENT_PARTIALLY_AVAILABLE,
  deploymentPartiallyAvailable,
} from './deployment-partially-available.js';
import {
  ALL_PODS_HEALTHY,
  COUNT_MIN_PODS,
  COUNT_PODS,
  POD_IS_NOT_AVAILABLE,
  PODS_IN_CONDITIONS,
  PODS_IN_PHASE,
  PODS_NOT_IN_PHASE,
  allPodsHealthy,
  countMinPods,
  countPods,
  podIsNotAvailable,
  podsInConditions,
  podsInPhase,
  podsNotInPhase,
} from './pod-phase-probes.js';
import { READ_POD_LOGS, readPodLogs } from './read-pod-logs.js';
import {
  DEPLOYMENT_NOT_FULLY_AVAILABLE,
  deploymentNotFullyAvailable,
} from './deployment-not-fully-available.js';
import {
  ROLLOUT_DEPLOYMENT,
  ROLLOUT_RESTART,
  rolloutDeployment,
  rolloutRestart,
} from './rollout-restart.js';
import { ROLLBACK_DEPLOYMENT, rollbackDeployment } from './rollback-deployment.js';
import { SCALE_DEPLOYMENT, scaleDeployment } from './scale-deployment.js';
import { TERMINATE_PODS, terminatePods } from './terminate-pods.js';
import { COLLECT_DEPLOYMENT_STATUS, collectDeploymentStatus } from './collect-deployment-status.js';
import { CRD_OBJECT_FUNCTIONS } from './crd-objects.js';
import { SHOULD_BE_FOUND_IN_LOGS, shouldBeFoundInLogs } from './found-in-logs.js';
import { LEGACY_FUNCTIONS } from './legacy-names.js';
import { NETWORKING_FUNCTIONS } from './networking.js';
import { NODE_ACTION_FUNCTIONS } from './node-actions.js';
import { NODE_PROBE_FUNCTIONS } from './node-probes.js';
import { SERVICE_IS_INITIALIZED, serviceIsInitialized } from './service-probes.js';
import { STATEFULSET_PROBE_FUNCTIONS } from './statefulset-probes.js';
import { WORKLOAD_LIFECYCLE_FUNCTIONS } from './workload-lifecycle.js';
import {
  SET_DEPLOYMENT_IMAGE,
  UPDATE_IMAGE,
  setDeploymentImage,
  updateImage,
} from './update-image.js';

/** The `chaosk8s` and `simian.kubernetes` functions, by the dotted name experiments use. */
export const KUBERNETES_FUNCTIONS = {
  [TERMINATE_PODS]: terminatePods,
  [SCALE_DEPLOYMENT]: scaleDeployment,
  [UPDATE_IMAGE]: updateImage,
  [SET_DEPLOYMENT_IMAGE]: setDeploymentImage,
  [ROLLOUT_DEPLOYMENT]: rolloutDeployment,
  [ROLLOUT_RESTART]: rolloutRestart,
  [ROLLBACK_DEPLOYMENT]: rollbackDeployment,
  [APPLY_MANIFEST]: applyManifest,
  [DELETE_MANIFEST]: deleteManifest,
  [CREATE_CUSTOM_OBJECT]: createCustomObject,
  [DELETE_CUSTOM_OBJECT]: deleteCustomObject,
  [DEPLOYMENT_AVAILABLE_AND_HEALTHY]: deploymentAvailableAndHealthy,
  [DEPLOYMENT_FULLY_AVAILABLE]: deploymentFullyAvailable,
  [DEPLOYMENT_NOT_FULLY_AVAILABLE]: deploymentNotFullyAvailable,
  [DEPLOYMENT_PARTIALLY_AVAILABLE]: deploymentPartiallyAvailable,
  [READ_POD_LOGS]: readPodLogs,
  [PODS_IN_PHASE]: podsInPhase,
  [PODS_NOT_IN_PHASE]: podsNotInPhase,
  [PODS_IN_CONDITIONS]: podsInConditions,
  [COUNT_PODS]: countPods,
  [COUNT_MIN_PODS]: countMinPods,
  [POD_IS_NOT_AVAILABLE]: podIsNotAvailable,
  [ALL_PODS_HEALTHY]: allPodsHealthy,
  [SHOULD_BE_FOUND_IN_LOGS]: shouldBeFoundInLogs,
  [SERVICE_IS_INITIALIZED]: serviceIsInitialized,
  [COLLECT_DEPLOYMENT_STATUS]: collectDeploymentStatus,
  ...WORKLOAD_LIFECYCLE_FUNCTIONS,
  ...STATEFULSET_PROBE_FUNCTIONS,
  ...NODE_ACTION_FUNCTIONS,
  ...NODE_PROBE_FUNCTIONS,
  ...NETWORKING_FUNCTIONS,
  ...CRD_OBJECT_FUNCTIONS,
  ...LEGACY_FUNCTIONS,
} as const;
