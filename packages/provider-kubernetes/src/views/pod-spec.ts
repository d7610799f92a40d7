import type { PodSpecView, ResourceViews } from '@simian/core';
import type { KubeObject } from '../kinds/kind.js';

interface EnvSource {
  configMapRef?: { name?: string };
  secretRef?: { name?: string };
}
interface EnvVar {
  valueFrom?: { configMapKeyRef?: { name?: string }; secretKeyRef?: { name?: string } };
}
interface Container {
  envFrom?: EnvSource[];
  env?: EnvVar[];
}
interface Projection {
  configMap?: { name?: string };
  secret?: { name?: string };
}
interface Volume {
  configMap?: { name?: string };
  secret?: { secretName?: string };
  projected?: { sources?: Projection[] };
  persistentVolumeClaim?: { claimName?: string };
}
/** The fields of a pod spec that name other objects. */
export interface PodSpec {
  volumes?: Volume[];
  containers?: Container[];
  initContainers?: Container[];
  ephemeralContainers?: Container[];
  imagePullSecrets?: Array<{ name?: string }>;
  serviceAccountName?: string;
  serviceAccount?: string;
}

const named = (names: Array<string | undefined>): string[] =>
  [...new Set(names.filter((n): n is string => typeof n === 'string' && n !== ''))].sort();

/** What a pod spec references, wherever it sits (a Pod, a template, a CronJob's job template). */
export function podSpecView(spec: PodSpec | undefined): PodSpecView {
  const s = spec ?? {};
  const containers = [
    ...(s.containers ?? []),
    ...(s.initContainers ?? []),
    ...(s.ephemeralContainers ?? []),
  ];
  const volumes = s.volumes ?? [];
  const projections = volumes.flatMap((v) => v.projected?.sources ?? []);
  const configMaps = named([
    ...volumes.map((v) => v.configMap?.name),
    ...projections.map((p) => p.configMap?.name),
    ...containers.flatMap((c) => (c.envFrom ?? []).map((e) => e.configMapRef?.name)),
    ...containers.flatMap((c) => (c.env ?? []).map((e) => e.valueFrom?.configMapKeyRef?.name)),
  ]);
  const secrets = named([
    ...volumes.map((v) => v.secret?.secretName),
    ...projections.map((p) => p.secret?.name),
    ...containers.flatMap((c) => (c.envFrom ?? []).map((e) => e.secretRef?.name)),
    ...containers.flatMap((c) => (c.env ?? []).map((e) => e.valueFrom?.secretKeyRef?.name)),
    ...(s.imagePullSecrets ?? []).map((r) => r.name),
  ]);
  return {
    configMaps,
    secrets,
    claims: named(volumes.map((v) => v.persistentVolumeClaim?.claimName)),
    // `serviceAccount` is the deprecated spelling the API still accepts.
    serviceAccount: s.serviceAccountName || s.serviceAccount || 'default',
  };
}

interface WithTemplate extends KubeObject {
  spec?: {
    template?: { spec?: PodSpec };
    jobTemplate?: { spec?: { template?: { spec?: PodSpec } } };
    volumeClaimTemplates?: Array<{ metadata?: { name?: string } }>;
  };
}

/** The pod spec view of a Pod. */
export const podOwnSpecViews = (object: KubeObject): ResourceViews => ({
  podSpec: podSpecView((object as { spec?: PodSpec }).spec),
});

/** The pod spec view of a workload or Job (its pod template), with a StatefulSet's claim templates. */
export function templateSpecViews(object: KubeObject): ResourceViews {
  const o = object as WithTemplate;
  const view = podSpecView(o.spec?.template?.spec);
  const templates = o.spec?.volumeClaimTemplates;
  if (templates) view.claimTemplates = named(templates.map((t) => t.metadata?.name));
  return { podSpec: view };
}

/** The pod spec view of a CronJob (its job template's pod template). */
export const cronJobSpecViews = (object: KubeObject): ResourceViews => ({
  podSpec: podSpecView((object as WithTemplate).spec?.jobTemplate?.spec?.template?.spec),
});
