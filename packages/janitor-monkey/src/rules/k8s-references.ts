import type { Resource } from '@simian/core';
import { memo, resourcesOf, type ScopeEstate } from '../estate.js';

/** The kinds whose pod specs (their own, or their pod template's) name other objects. */
export const POD_SPEC_KINDS = [
  'Pod',
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'ReplicaSet',
  'Job',
  'CronJob',
] as const;

/** Who references what in a namespace: `<namespace>/<name>` to the first referrers found. */
export interface References {
  configMaps: Map<string, string[]>;
  secrets: Map<string, string[]>;
  /** Claims mounted by a pod. */
  mountedClaims: Map<string, string[]>;
  /** Claims named by a template (a workload, Job or CronJob would mount them). */
  templateClaims: Map<string, string[]>;
  /** StatefulSets' claim name prefixes: `<namespace>/<template>-<statefulset>-`. */
  claimPrefixes: Map<string, string>;
  /** Services an Ingress routes to. */
  ingressServices: Map<string, string[]>;
  /** Kinds whose pod specs could not be read (no view): nothing may be concluded from them. */
  unknown: string[];
}

const add = (map: Map<string, string[]>, key: string, who: string) => {
  const list = map.get(key);
  if (!list) map.set(key, [who]);
  else if (list.length < 3) list.push(who);
};

/** The references of every listed pod spec, ServiceAccount and Ingress in the scope, once. */
export function referencesOf(estate: ScopeEstate): References {
  return memo(estate, 'k8s-references', () => {
    const refs: References = {
      configMaps: new Map(),
      secrets: new Map(),
      mountedClaims: new Map(),
      templateClaims: new Map(),
      claimPrefixes: new Map(),
      ingressServices: new Map(),
      unknown: [],
    };
    for (const kind of POD_SPEC_KINDS) {
      for (const r of resourcesOf(estate, kind)) {
        const spec = r.views?.podSpec;
        if (!spec) {
          if (!refs.unknown.includes(kind)) refs.unknown.push(kind);
          continue;
        }
        const ns = r.namespace ?? '';
        const who = `${kind} ${r.name}`;
        for (const n of spec.configMaps) add(refs.configMaps, `${ns}/${n}`, who);
        for (const n of spec.secrets) add(refs.secrets, `${ns}/${n}`, who);
        for (const n of spec.claims) {
          add(kind === 'Pod' ? refs.mountedClaims : refs.templateClaims, `${ns}/${n}`, who);
        }
        for (const t of spec.claimTemplates ?? [])
          refs.claimPrefixes.set(`${ns}/${t}-${r.name}-`, who);
      }
    }
    for (const sa of resourcesOf(estate, 'ServiceAccount')) {
      const view = sa.views?.serviceAccount;
      const who = `ServiceAccount ${sa.name}`;
      for (const n of [...(view?.secrets ?? []), ...(view?.imagePullSecrets ?? [])]) {
        add(refs.secrets, `${sa.namespace ?? ''}/${n}`, who);
      }
    }
    for (const ing of resourcesOf(estate, 'Ingress')) {
      const who = `Ingress ${ing.name}`;
      for (const n of ing.views?.ingress?.tlsSecrets ?? [])
        add(refs.secrets, `${ing.namespace ?? ''}/${n}`, who);
      for (const n of ing.views?.ingress?.services ?? []) {
        add(refs.ingressServices, `${ing.namespace ?? ''}/${n}`, who);
      }
    }
    return refs;
  });
}

/** `<namespace>/<name>` of a namespaced resource. */
export const keyOf = (r: Resource): string => `${r.namespace ?? ''}/${r.name}`;

/** `ConfigMap web (namespace shop)`: how evidence names a Kubernetes object. */
export const described = (r: Resource): string =>
  `${r.kind} ${r.name}${r.namespace ? ` (namespace ${r.namespace})` : ''}`;
