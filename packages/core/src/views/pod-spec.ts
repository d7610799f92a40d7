/**
 * What a pod spec names outside itself (a Pod's own, or the pod template of a workload, a Job or
 * a CronJob): the objects it would break without. Names are in the object's own namespace.
 */
export interface PodSpecView {
  /**
   * ConfigMaps it reads: volumes, projected volumes, `envFrom` and `valueFrom` of every container
   * (init and ephemeral ones too), optional references included.
   */
  configMaps: string[];
  /** Secrets it reads: the same places, and its `imagePullSecrets`. */
  secrets: string[];
  /** PersistentVolumeClaims its volumes mount. */
  claims: string[];
  /** Its ServiceAccount (`default` when the spec names none). */
  serviceAccount: string;
  /**
   * For a StatefulSet: the names of its volume claim templates. Its pods' claims are named
   * `<template>-<statefulset>-<ordinal>`.
   */
  claimTemplates?: string[];
}
