import { type PythonFunction } from '@simian/experiments';
import { z } from 'zod';
import type { ChaosActivityContext } from './activity-targets.js';
import { deploymentAvailableAndHealthy } from './deployment-available-and-healthy.js';
import { deploymentFullyAvailable } from './deployment-fully-available.js';
import { deploymentNotFullyAvailable } from './deployment-not-fully-available.js';
import { findObjects, actOnEach } from './object-ops.js';
import { allPodsHealthy, podIsNotAvailable } from './pod-phase-probes.js';
import { readPodLogs } from './read-pod-logs.js';
import { serviceIsInitialized } from './service-probes.js';

// chaostoolkit-kubernetes' first names (`chaosk8s.actions.*`, `chaosk8s.probes.*`, and the
// older `chaosk8s.pod.actions.delete_pods`), still found in published experiments. Each is the
// function it was renamed to, under its old arguments. Where chaostoolkit-kubernetes 0.39 passes
// the default `name in ({name})` selector on without putting the name in (and so fails), Simian
// puts the name in, as the older releases these experiments were written for did.

const ns = z.string().min(1).default('default');
const NAME_SELECTOR = 'name in ({name})';
const withName = (selector: string | null | undefined, name: string) =>
  selector ? selector.replaceAll('{name}', name) : undefined;

const example = (module: string, func: string, args: Record<string, unknown>, probe = false) => ({
  type: probe ? ('probe' as const) : ('action' as const),
  name: func.replaceAll('_', '-'),
  ...(probe ? { tolerance: true } : {}),
  provider: { type: 'python' as const, module, func, arguments: args },
});

/** The function `target` under a narrower argument schema and another name. */
function renamed<S extends z.ZodType>(
  target: PythonFunction,
  module: string,
  func: string,
  args: S,
  map: (a: z.output<S>) => Record<string, unknown>,
  exampleArgs: Record<string, unknown>,
  output: (result: unknown) => unknown = (r) => r,
): [string, PythonFunction<S>] {
  return [
    `${module}.${func}`,
    {
      description: `The old name of: ${target.description}`,
      kind: target.kind,
      arguments: args,
      ...(target.permissions ? { permissions: target.permissions } : {}),
      example: example(module, func, exampleArgs, target.kind === 'probe'),
      async run(a, context: ChaosActivityContext) {
        return output(await target.run(target.arguments.parse(map(a)), context));
      },
    },
  ];
}

const namedArgs = z.strictObject({
  name: z.string().min(1),
  ns,
  label_selector: z.string().nullish(),
});
const deploymentWait = namedArgs.extend({ timeout: z.int().min(0).default(30) });
const nameSelectorArgs = namedArgs.extend({
  label_selector: z.string().nullish().default(NAME_SELECTOR),
});

const deletePodsArgs = z.strictObject({
  name: z.string().min(1),
  ns,
  /** `{name}` stands for `name`. @default "name in ({name})" */
  label_selector: z.string().nullish().default(NAME_SELECTOR),
});

/** Deletes every `kind` of `ns` matching the selector (with the name put in). */
const deleteKinds = async (
  fn: string,
  context: ChaosActivityContext,
  kinds: string[],
  args: z.output<typeof deletePodsArgs>,
) => {
  const deleted: string[] = [];
  for (const kind of kinds) {
    const found = await findObjects(
      fn,
      context,
      kind,
      args.ns,
      undefined,
      withName(args.label_selector, args.name),
    );
    deleted.push(...(await actOnEach(fn, context, found, 'delete', {})));
  }
  return deleted;
};

const DELETE_PODS = 'chaosk8s.pod.actions.delete_pods';
const KILL_MICROSERVICE = 'chaosk8s.actions.kill_microservice';

export const LEGACY_FUNCTIONS = Object.fromEntries([
  [
    DELETE_PODS,
    {
      description:
        'Deletes the pods matching the selector (name in (<name>) by default), through the safety gate; returns their names. The older chaostoolkit-kubernetes name.',
      kind: 'action',
      arguments: deletePodsArgs,
      permissions: [{ kind: 'rbac', group: '', resource: 'pods', verbs: ['list', 'delete'] }],
      verbs: ['kubernetes:delete:Pod'],
      example: example('chaosk8s.pod.actions', 'delete_pods', { name: 'web', ns: 'storefront' }),
      run: (args, context: ChaosActivityContext) =>
        deleteKinds(DELETE_PODS, context, ['Pod'], args),
    } satisfies PythonFunction<typeof deletePodsArgs>,
  ],
  [
    KILL_MICROSERVICE,
    {
      description:
        'Deletes the Deployments, ReplicaSets and pods matching the selector (name in (<name>) by default), through the safety gate; returns their names.',
      kind: 'action',
      arguments: deletePodsArgs,
      permissions: [
        { kind: 'rbac', group: 'apps', resource: 'deployments', verbs: ['list', 'delete'] },
        { kind: 'rbac', group: 'apps', resource: 'replicasets', verbs: ['list', 'delete'] },
        { kind: 'rbac', group: '', resource: 'pods', verbs: ['list', 'delete'] },
      ],
      verbs: [
        'kubernetes:delete:Deployment',
        'kubernetes:delete:ReplicaSet',
        'kubernetes:delete:Pod',
      ],
      example: example('chaosk8s.actions', 'kill_microservice', { name: 'web', ns: 'storefront' }),
      run: (args, context: ChaosActivityContext) =>
        deleteKinds(KILL_MICROSERVICE, context, ['Deployment', 'ReplicaSet', 'Pod'], args),
    } satisfies PythonFunction<typeof deletePodsArgs>,
  ],
  renamed(
    allPodsHealthy as PythonFunction,
    'chaosk8s.probes',
    'all_microservices_healthy',
    z.strictObject({ ns }),
    (a) => ({ ns: a.ns }),
    { ns: 'storefront' },
  ),
  // chaostoolkit-kubernetes returns nothing here (the check raises when it fails).
  renamed(
    deploymentAvailableAndHealthy as PythonFunction,
    'chaosk8s.probes',
    'microservice_available_and_healthy',
    namedArgs,
    (a) => ({ name: a.name, ns: a.ns, label_selector: a.label_selector }),
    { name: 'web', ns: 'storefront' },
    () => null,
  ),
  renamed(
    podIsNotAvailable as PythonFunction,
    'chaosk8s.probes',
    'microservice_is_not_available',
    nameSelectorArgs,
    (a) => ({ name: a.name, ns: a.ns, label_selector: a.label_selector }),
    { name: 'web', ns: 'storefront' },
  ),
  renamed(
    serviceIsInitialized as PythonFunction,
    'chaosk8s.probes',
    'service_endpoint_is_initialized',
    nameSelectorArgs,
    (a) => ({ name: a.name, ns: a.ns, label_selector: withName(a.label_selector, a.name) }),
    { name: 'web', ns: 'storefront' },
  ),
  renamed(
    deploymentNotFullyAvailable as PythonFunction,
    'chaosk8s.probes',
    'deployment_is_not_fully_available',
    deploymentWait,
    (a) => ({ name: a.name, ns: a.ns, label_selector: a.label_selector, timeout: a.timeout }),
    { name: 'web', ns: 'storefront', timeout: 30 },
  ),
  renamed(
    deploymentFullyAvailable as PythonFunction,
    'chaosk8s.probes',
    'deployment_is_fully_available',
    deploymentWait,
    (a) => ({ name: a.name, ns: a.ns, label_selector: a.label_selector, timeout: a.timeout }),
    { name: 'web', ns: 'storefront', timeout: 30 },
  ),
  [
    'chaosk8s.probes.read_microservices_logs',
    {
      ...readPodLogs,
      description: `The old name of: ${readPodLogs.description}`,
      example: example(
        'chaosk8s.probes',
        'read_microservices_logs',
        { label_selector: 'app=web', ns: 'storefront' },
        true,
      ),
    },
  ],
]) as Record<string, PythonFunction>;
