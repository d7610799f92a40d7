import type { ActivityRegistry, PythonFunction } from '@simian/core';
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
import {
  SET_DEPLOYMENT_IMAGE,
  UPDATE_IMAGE,
  setDeploymentImage,
  updateImage,
} from './update-image.js';

/** The Chaos Toolkit functions the chaos monkey package runs natively, by dotted name. */
export const CHAOS_PYTHON_FUNCTIONS = {
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
} as const;

/**
 * Adds the chaos monkey's native Chaos Toolkit functions (`chaosk8s.pod.actions.terminate_pods`,
 * the `chaosk8s.pod.probes` (logs, phases, conditions, counts), the `chaosk8s.deployment` actions
 * and probes, `chaosk8s.crd` create and delete, and `simian.kubernetes.rollout_restart`,
 * `apply_manifest` and `delete_manifest`) to an experiment activity registry. Returns the
 * registry, for chaining.
 */
export function registerChaosActivities(registry: ActivityRegistry): ActivityRegistry {
  for (const [name, fn] of Object.entries(CHAOS_PYTHON_FUNCTIONS)) {
    registry.registerPythonFunction(name, fn as PythonFunction);
  }
  return registry;
}
