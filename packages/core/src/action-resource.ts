import type { Action, Resource } from './types.js';

/** The part of an action that names its resource: what the gate and the ledger see of `r`. */
export function actionResource(r: Resource): Action['resource'] {
  return {
    ref: r.ref,
    provider: r.provider,
    kind: r.kind,
    name: r.name,
    labels: r.labels,
    ...(r.namespace ? { namespace: r.namespace } : {}),
    ...(r.region ? { region: r.region } : {}),
    ...(r.context ? { context: r.context } : {}),
    ...(r.annotations ? { annotations: r.annotations } : {}),
  };
}
