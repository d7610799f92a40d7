import { SimianError, type Resource } from '@simian/core';
import { type PythonFunction } from '@simian/experiments';
import { z } from 'zod';
import type { ChaosActivityContext } from './activity-targets.js';
import { actOnObject, kubeRef, kubeTargets, readObject } from './kube-object.js';

/** The dotted name experiments call. */
export const ROLLBACK_DEPLOYMENT = 'chaosk8s.deployment.actions.rollback_deployment';

/** The label the Deployment controller adds to each ReplicaSet's pod template. */
const POD_TEMPLATE_HASH = 'pod-template-hash';

const argumentsSchema = z
  .strictObject({
    /** The Deployment. */
    name: z.string().min(1).nullish(),
    /** The same as `name`: the name chaostoolkit-kubernetes' rollout-rollback branch used. */
    deployment_name: z.string().min(1).nullish(),
    /** @default "default" */
    ns: z.string().min(1).default('default'),
  })
  .refine((a) => (a.name == null) !== (a.deployment_name == null), {
    message: 'give the Deployment as name (or deployment_name), once',
    path: ['name'],
  });

type Dict = Record<string, unknown>;
interface PodTemplate {
  metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> } & Dict;
  spec?: Dict;
}
/** The part of a Deployment or ReplicaSet the patch is built from. */
interface Workload {
  spec?: { template?: PodTemplate };
}

/** `null` for every key of `current` that `wanted` lacks (a merge patch removes them), then `wanted`. */
const replacing = (current: Dict | undefined, wanted: Dict | undefined): Dict => ({
  ...Object.fromEntries(Object.keys(current ?? {}).map((key) => [key, null])),
  ...wanted,
});

/**
 * The JSON merge patch that makes the Deployment's pod template `wanted`: lists (containers) are
 * replaced whole, and labels, annotations and pod spec fields the current template has but
 * `wanted` lacks are removed.
 */
export function templatePatch(current: PodTemplate | undefined, wanted: PodTemplate): Dict {
  return {
    spec: {
      template: {
        metadata: {
          ...wanted.metadata,
          labels: replacing(current?.metadata?.labels, wanted.metadata?.labels),
          annotations: replacing(current?.metadata?.annotations, wanted.metadata?.annotations),
        },
        spec: replacing(current?.spec, wanted.spec),
      },
    },
  };
}

/** The ReplicaSet template without the controller's `pod-template-hash` label. */
function withoutHash(template: PodTemplate): PodTemplate {
  const { [POD_TEMPLATE_HASH]: _hash, ...labels } = template.metadata?.labels ?? {};
  return { ...template, metadata: { ...template.metadata, labels } };
}

/**
 * `chaosk8s.deployment.actions.rollback_deployment`, natively, as `kubectl rollout undo` does it:
 * finds the ReplicaSet the Deployment controls with the highest revision below the current one,
 * and sets the Deployment's pod template back to that ReplicaSet's (a JSON merge patch, through
 * the executor's `patch` verb). A Deployment with no earlier revision fails the activity.
 * Returns `{from, to}` (revisions) and the patch's outcome.
 */
export const rollbackDeployment: PythonFunction<typeof argumentsSchema> = {
  description:
    'Rolls a Deployment back to its previous revision, as `kubectl rollout undo` does, through the safety gate.',
  kind: 'action',
  arguments: argumentsSchema,
  permissions: [
    { kind: 'rbac', group: 'apps', resource: 'deployments', verbs: ['get', 'patch'] },
    { kind: 'rbac', group: 'apps', resource: 'replicasets', verbs: ['list'] },
  ],
  verbs: ['kubernetes:patch:Deployment'],
  example: {
    type: 'action',
    name: 'roll-web-back',
    provider: {
      type: 'python',
      module: 'chaosk8s.deployment.actions',
      func: 'rollback_deployment',
      arguments: { name: 'web', ns: 'storefront' },
    },
  },
  async run(given, context: ChaosActivityContext) {
    const args = { ...given, name: (given.name ?? given.deployment_name)! };
    const fn = ROLLBACK_DEPLOYMENT;
    const { targets, scope } = kubeTargets(context, fn);
    const ref = kubeRef(targets, scope, args.ns, 'Deployment', args.name);
    const deployment = await readObject(context, targets, ref, fn);
    const uid = deployment.views?.workload?.uid;
    const current = deployment.views?.workload?.revision;
    const replicaSets: Resource[] = await targets.inventory
      .provider('kubernetes')
      .list('ReplicaSet', scope, { signal: context.signal });
    const previous = replicaSets
      .filter(
        (rs) =>
          rs.namespace === args.ns &&
          uid !== undefined &&
          rs.views?.workload?.controllerUid === uid,
      )
      .map((rs) => ({ rs, revision: rs.views?.workload?.revision }))
      .filter(
        (c): c is { rs: Resource; revision: number } =>
          c.revision !== undefined && (current === undefined || c.revision < current),
      )
      .sort((a, b) => b.revision - a.revision)[0];
    // The patch writes a live pod template back, whole: the one read of `raw` in this pack, since
    // a view carries what monkeys read, not every field of a template.
    const template = (previous?.rs.raw as Workload | undefined)?.spec?.template;
    if (!previous || !template) {
      throw new SimianError(
        'TARGET_ERROR',
        `${fn}: Deployment ${args.ns}/${args.name} has no revision before ${current ?? 'its current one'} to roll back to`,
        {
          hint: 'a Deployment has an earlier revision once its pod template has changed (update_image, rollout_restart)',
        },
      );
    }
    const outcome = await actOnObject(fn, context, ref, 'patch', {
      type: 'merge',
      patch: templatePatch((deployment.raw as Workload).spec?.template, withoutHash(template)),
    });
    return { from: current ?? null, to: previous.revision, ...outcome.output };
  },
};
