import type { Permission } from '@simian/core';
import { type PythonFunction } from '@simian/experiments';
import { z } from 'zod';
import type { ChaosActivityContext } from './activity-targets.js';
import { actOnObject, kubeRef, kubeTargets } from './kube-object.js';
import { createFromManifest, deleteMatching, readSpecFile } from './object-ops.js';

// chaostoolkit-kubernetes' create / delete / scale actions of the workload modules (deployment,
// statefulset, replicaset, service), natively: each change through the executor. Like the Python
// functions, create_* reads `spec_path` (JSON or YAML) and creates it in `ns`; delete_* deletes
// what matches `name`, else `label_selector`, else every one of its kind in `ns`, and returns the
// names (the Python functions return nothing).

const ns = z.string().min(1).default('default');
const rbac = (
  group: string,
  resource: string,
  verbs: string[],
  subresource?: string,
): Permission => ({
  kind: 'rbac',
  group,
  resource,
  verbs,
  ...(subresource ? { subresource } : {}),
});
const example = (module: string, func: string, args: Record<string, unknown>) => ({
  type: 'action' as const,
  name: func.replaceAll('_', '-'),
  provider: { type: 'python' as const, module, func, arguments: args },
});

const specArgs = z.strictObject({
  /** A JSON or YAML file with the object (relative to the working directory). */
  spec_path: z.string().min(1),
  ns,
});

/** `create_deployment`, `create_statefulset`, `create_service_endpoint`: create from a spec file. */
const createFromSpec = (
  module: string,
  func: string,
  what: string,
  permission: Permission,
): [string, PythonFunction<typeof specArgs>] => {
  const fn = `${module}.${func}`;
  return [
    fn,
    {
      description: `Creates a ${what} from a JSON or YAML spec file, in the namespace, through the safety gate.`,
      kind: 'action',
      arguments: specArgs,
      permissions: [permission],
      verbs: [`kubernetes:create:${what}`],
      example: example(module, func, {
        spec_path: `chaos/${what.toLowerCase()}.yaml`,
        ns: 'storefront',
      }),
      async run(args, context: ChaosActivityContext) {
        const spec = await readSpecFile(fn, args.spec_path);
        const { created } = await createFromManifest(fn, context, spec, args.ns);
        return { created };
      },
    },
  ];
};

const deleteArgs = z.strictObject({
  /** @default every object of the kind in `ns` matching `label_selector` */
  name: z.string().min(1).nullish(),
  ns,
  label_selector: z.string().nullish(),
});

/** `delete_deployment`, `remove_statefulset`, `delete_replica_set`: delete by name or selector. */
const deleteBySelector = (
  module: string,
  func: string,
  kind: string,
  permission: Permission,
): [string, PythonFunction<typeof deleteArgs>] => {
  const fn = `${module}.${func}`;
  return [
    fn,
    {
      description: `Deletes ${kind}s by name, else by label selector, else every ${kind} of the namespace, through the safety gate; returns their names.`,
      kind: 'action',
      arguments: deleteArgs,
      permissions: [permission],
      verbs: [`kubernetes:delete:${kind}`],
      example: example(module, func, { name: 'web', ns: 'storefront' }),
      run: (args, context: ChaosActivityContext) =>
        deleteMatching(fn, context, kind, {
          ns: args.ns,
          ...(args.name
            ? { name: args.name }
            : args.label_selector
              ? { label_selector: args.label_selector }
              : {}),
        }),
    },
  ];
};

const scaleArgs = z.strictObject({ name: z.string().min(1), replicas: z.int().min(0), ns });

/** `scale_statefulset` (and the old `scale_microservice`): the scale subresource. */
const scaleKind = (
  module: string,
  func: string,
  kind: string,
  plural: string,
): [string, PythonFunction<typeof scaleArgs>] => {
  const fn = `${module}.${func}`;
  return [
    fn,
    {
      description: `Sets the replicas of a ${kind} (scale subresource), through the safety gate; returns {from, to}.`,
      kind: 'action',
      arguments: scaleArgs,
      permissions: [rbac('apps', plural, ['get']), rbac('apps', plural, ['get', 'patch'], 'scale')],
      verbs: [`kubernetes:scale:${kind}`],
      example: example(module, func, { name: 'web', replicas: 1, ns: 'storefront' }),
      async run(args, context: ChaosActivityContext) {
        const { targets, scope } = kubeTargets(context, fn);
        const ref = kubeRef(targets, scope, args.ns, kind, args.name);
        const outcome = await actOnObject(fn, context, ref, 'scale', { replicas: args.replicas });
        return outcome.output ?? {};
      },
    },
  ];
};

const deleteOneArgs = z.strictObject({ name: z.string().min(1), ns });

/** `delete_service` (and the old `remove_service_endpoint`): one Service by name. */
const deleteNamed = (
  module: string,
  func: string,
  kind: string,
  permission: Permission,
): [string, PythonFunction<typeof deleteOneArgs>] => {
  const fn = `${module}.${func}`;
  return [
    fn,
    {
      description: `Deletes one ${kind} by name, through the safety gate; one that does not exist fails the activity.`,
      kind: 'action',
      arguments: deleteOneArgs,
      permissions: [permission],
      verbs: [`kubernetes:delete:${kind}`],
      example: example(module, func, { name: 'web', ns: 'storefront' }),
      async run(args, context: ChaosActivityContext) {
        const { targets, scope } = kubeTargets(context, fn);
        const ref = kubeRef(targets, scope, args.ns, kind, args.name);
        const outcome = await actOnObject(fn, context, ref, 'delete', {});
        return outcome.output ?? {};
      },
    },
  ];
};

export const WORKLOAD_LIFECYCLE_FUNCTIONS = Object.fromEntries([
  createFromSpec(
    'chaosk8s.deployment.actions',
    'create_deployment',
    'Deployment',
    rbac('apps', 'deployments', ['create']),
  ),
  deleteBySelector(
    'chaosk8s.deployment.actions',
    'delete_deployment',
    'Deployment',
    rbac('apps', 'deployments', ['list', 'delete']),
  ),
  createFromSpec(
    'chaosk8s.statefulset.actions',
    'create_statefulset',
    'StatefulSet',
    rbac('apps', 'statefulsets', ['create']),
  ),
  scaleKind('chaosk8s.statefulset.actions', 'scale_statefulset', 'StatefulSet', 'statefulsets'),
  deleteBySelector(
    'chaosk8s.statefulset.actions',
    'remove_statefulset',
    'StatefulSet',
    rbac('apps', 'statefulsets', ['list', 'delete']),
  ),
  deleteBySelector(
    'chaosk8s.replicaset.actions',
    'delete_replica_set',
    'ReplicaSet',
    rbac('apps', 'replicasets', ['list', 'delete']),
  ),
  createFromSpec(
    'chaosk8s.service.actions',
    'create_service_endpoint',
    'Service',
    rbac('', 'services', ['create']),
  ),
  deleteNamed(
    'chaosk8s.service.actions',
    'delete_service',
    'Service',
    rbac('', 'services', ['get', 'delete']),
  ),
  // chaostoolkit-kubernetes' first names, still in its chaosk8s.actions module.
  createFromSpec(
    'chaosk8s.actions',
    'start_microservice',
    'Deployment',
    rbac('apps', 'deployments', ['create']),
  ),
  scaleKind('chaosk8s.actions', 'scale_microservice', 'Deployment', 'deployments'),
  deleteNamed(
    'chaosk8s.actions',
    'remove_service_endpoint',
    'Service',
    rbac('', 'services', ['get', 'delete']),
  ),
]) as Record<string, PythonFunction>;
