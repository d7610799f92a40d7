import type { KindInfo } from './kind.js';

/**
 * Kinds that monkeys list by discovery (`group/version/Kind`, not in the built-in table) and that
 * the registries must still grant: the conformity monkey's rules look up HorizontalPodAutoscalers
 * as `autoscaling/v2/HorizontalPodAutoscaler`. Discovery resolves them at run time; this table only
 * lets RBAC, doctor and `simian rbac` name their permissions before any cluster is asked.
 */
export const discoveredKinds: readonly KindInfo[] = [
  {
    kind: 'autoscaling/v2/HorizontalPodAutoscaler',
    apiKind: 'HorizontalPodAutoscaler',
    group: 'autoscaling',
    version: 'v2',
    plural: 'horizontalpodautoscalers',
    namespaced: true,
    custom: true,
  },
];
