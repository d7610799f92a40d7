import { actionResource, FAULT_ACTIVE_KEY, SimianError, type Action } from '@simian/core';
import { parseTimeExpression, type PythonFunction } from '@simian/experiments';
import { z } from 'zod';
import type { ChaosActivityContext } from './activity-targets.js';
import { actOnObject, executeOne, kubeRef, kubeTargets, readObject } from './kube-object.js';
import { createFromManifest, describedResource, findObjects, readSpecFile } from './object-ops.js';

// chaostoolkit-kubernetes' networking module, natively. A NetworkPolicy it creates is a fault:
// it goes in through the executor's `inject-fault` verb, stamped on the object with its expiry
// (configuration `simian_fault_duration`, default 30 minutes, at most safety.maxFaultDuration), so
// it is removed when the experiment ends however it ends, and by the reaper after a crash; the
// remove_* functions take it out again with `remove-fault`. Ingresses are plain objects.

const MODULE = 'chaosk8s.networking.actions';
const ns = z.string().min(1).default('default');
const policies = (verbs: string[]) => ({
  kind: 'rbac' as const,
  group: 'networking.k8s.io',
  resource: 'networkpolicies',
  verbs,
});
const ingresses = (verbs: string[]) => ({
  kind: 'rbac' as const,
  group: 'networking.k8s.io',
  resource: 'ingresses',
  verbs,
});
const example = (func: string, args: Record<string, unknown>, module = MODULE) => ({
  type: 'action' as const,
  name: func.replaceAll('_', '-'),
  provider: { type: 'python' as const, module, func, arguments: args },
});

/** How long a NetworkPolicy fault may stay, from the experiment's configuration. */
export const DEFAULT_FAULT_SECONDS = 30 * 60;

function faultDeadline(context: ChaosActivityContext): string {
  const given = context.configuration.simian_fault_duration;
  let seconds = DEFAULT_FAULT_SECONDS;
  if (typeof given === 'number') seconds = given;
  else if (typeof given === 'string') {
    // "10 minutes", "90 s" or a number of seconds, as the experiment format writes durations.
    const n = Number(given);
    const now = new Date();
    const at = parseTimeExpression(`in ${given}`, now);
    seconds = Number.isFinite(n) ? n : at ? (at.getTime() - now.getTime()) / 1000 : NaN;
  }
  if (!Number.isFinite(seconds) || seconds <= 0) {
    throw new SimianError(
      'INPUT_INVALID',
      `configuration.simian_fault_duration "${String(given)}" is not a duration`,
      {
        hint: 'seconds, or a duration such as "10 minutes"',
      },
    );
  }
  return new Date(Date.now() + seconds * 1000).toISOString();
}

/** Creates the NetworkPolicy `spec` in `ns` as a fault, stamped with its expiry. */
async function injectPolicy(
  fn: string,
  context: ChaosActivityContext,
  spec: Record<string, unknown>,
  namespace: string,
): Promise<{ created: string; expiresAt: unknown }> {
  const metadata = (spec.metadata ?? {}) as { name?: unknown; labels?: Record<string, string> };
  if (typeof metadata.name !== 'string') {
    throw new SimianError('INPUT_INVALID', `${fn}: the NetworkPolicy has no metadata.name`);
  }
  const { targets } = kubeTargets(context, fn);
  const resource = describedResource(
    context,
    fn,
    'NetworkPolicy',
    metadata.name,
    namespace,
    metadata.labels ?? {},
  );
  const action: Action = {
    id: `experiment-inject-fault:${resource.ref}@${new Date().toISOString()}`,
    monkey: 'experiment',
    verb: 'inject-fault',
    resource: actionResource(resource),
    reason: `experiment activity "${context.activity.name}" (${fn})`,
    reversible: true,
    deadline: faultDeadline(context),
    params: { fault: { object: { ...spec, metadata: { ...metadata, namespace } } } },
  };
  const outcome = await executeOne(fn, targets, action);
  return { created: resource.ref, expiresAt: outcome.output?.expiresAt ?? action.deadline };
}

/**
 * Removes a NetworkPolicy: one that carries Simian's fault stamp through `remove-fault` (which
 * the run's fault bookkeeping follows), any other through the gated `delete` verb.
 */
async function removePolicy(
  fn: string,
  context: ChaosActivityContext,
  name: string,
  namespace: string,
) {
  const { targets, scope } = kubeTargets(context, fn);
  const ref = kubeRef(targets, scope, namespace, 'NetworkPolicy', name);
  const policy = await readObject(context, targets, ref, fn);
  const isFault = policy.labels[FAULT_ACTIVE_KEY] !== undefined;
  const outcome = isFault
    ? await executeOne(fn, targets, {
        id: `experiment-remove-fault:${ref}@${new Date().toISOString()}`,
        monkey: 'experiment',
        verb: 'remove-fault',
        resource: actionResource(policy),
        reason: `experiment activity "${context.activity.name}" (${fn})`,
        reversible: false,
        params: {},
      })
    : await actOnObject(fn, context, ref, 'delete', {});
  return { removed: ref, ...(outcome.output ?? {}) };
}

const policyArgs = z.strictObject({
  /** The NetworkPolicy's manifest. */
  spec: z.record(z.string(), z.unknown()).nullish(),
  /** Or a JSON or YAML file holding it. */
  spec_path: z.string().min(1).nullish(),
  ns,
});

const CREATE_NETWORK_POLICY = `${MODULE}.create_network_policy`;
const REMOVE_NETWORK_POLICY = `${MODULE}.remove_network_policy`;

export const createNetworkPolicy: PythonFunction<typeof policyArgs> = {
  description:
    'Creates a NetworkPolicy (from spec or spec_path) as a fault stamped with its expiry, through the safety gate.',
  kind: 'action',
  arguments: policyArgs,
  permissions: [policies(['create'])],
  // What the executor lets the experiment do (the session removes the fault at its end).
  verbs: ['kubernetes:inject-fault:NetworkPolicy', 'kubernetes:remove-fault:NetworkPolicy'],
  example: example('create_network_policy', {
    ns: 'storefront',
    spec: {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'cut-web-off' },
      spec: { podSelector: { matchLabels: { app: 'web' } }, policyTypes: ['Ingress'] },
    },
  }),
  async run(args, context: ChaosActivityContext) {
    const spec = args.spec_path
      ? await readSpecFile(CREATE_NETWORK_POLICY, args.spec_path)
      : args.spec;
    if (!spec) {
      throw new SimianError('INPUT_INVALID', `${CREATE_NETWORK_POLICY}: give spec or spec_path`);
    }
    return injectPolicy(CREATE_NETWORK_POLICY, context, spec, args.ns);
  },
};

const removeArgs = z.strictObject({ name: z.string().min(1), ns });

export const removeNetworkPolicy: PythonFunction<typeof removeArgs> = {
  description:
    'Removes a NetworkPolicy by name (a fault Simian stamped, or any other), through the safety gate.',
  kind: 'action',
  arguments: removeArgs,
  permissions: [policies(['get', 'delete'])],
  verbs: ['kubernetes:remove-fault:NetworkPolicy', 'kubernetes:delete:NetworkPolicy'],
  example: example('remove_network_policy', { name: 'cut-web-off', ns: 'storefront' }),
  run: (args, context: ChaosActivityContext) =>
    removePolicy(REMOVE_NETWORK_POLICY, context, args.name, args.ns),
};

const selectorArgs = z.strictObject({
  /** Only pods with these labels (`matchLabels`). @default every pod of `ns` */
  label_selectors: z.record(z.string(), z.unknown()).nullish(),
  ns,
});
const nsArgs = z.strictObject({ ns });

/** The three canned policies, by the names chaostoolkit-kubernetes gives them. */
const CANNED = {
  deny_all_ingress: {
    name: 'chaostoolkit-deny-all-ingress',
    spec: { policyTypes: ['Ingress'], ingress: [] },
    what: 'Denies all ingress to the pods of the namespace (or those matching label_selectors)',
  },
  deny_all_egress: {
    name: 'chaostoolkit-deny-all-egress',
    spec: { policyTypes: ['Egress'] },
    what: 'Denies all egress from the pods of the namespace (or those matching label_selectors)',
  },
  allow_dns_access: {
    name: 'chaostoolkit-allow-dns',
    spec: {
      policyTypes: ['Egress'],
      egress: [
        {
          to: [{ namespaceSelector: {} }],
          ports: [
            { port: 53, protocol: 'UDP' },
            { port: 53, protocol: 'TCP' },
          ],
        },
      ],
    },
    what: 'Allows DNS (port 53) egress from the pods of the namespace (or those matching label_selectors)',
  },
} as const;

const cannedFunctions = Object.entries(CANNED).flatMap(([func, c]) => {
  const create = `${MODULE}.${func}`;
  const remove = `${MODULE}.remove_${func}`;
  const add: PythonFunction<typeof selectorArgs> = {
    description: `${c.what}: NetworkPolicy ${c.name}, a fault stamped with its expiry, through the safety gate.`,
    kind: 'action',
    arguments: selectorArgs,
    permissions: [policies(['create'])],
    // What the executor lets the experiment do (the session removes the fault at its end).
    verbs: ['kubernetes:inject-fault:NetworkPolicy', 'kubernetes:remove-fault:NetworkPolicy'],
    example: example(func, { label_selectors: { app: 'web' }, ns: 'storefront' }),
    run: (args, context: ChaosActivityContext) =>
      injectPolicy(
        create,
        context,
        {
          apiVersion: 'networking.k8s.io/v1',
          kind: 'NetworkPolicy',
          metadata: { name: c.name },
          spec: {
            podSelector: args.label_selectors ? { matchLabels: args.label_selectors } : {},
            ...c.spec,
          },
        },
        args.ns,
      ),
  };
  const take: PythonFunction<typeof nsArgs> = {
    description: `Removes the NetworkPolicy ${c.name} that ${func} created, through the safety gate.`,
    kind: 'action',
    arguments: nsArgs,
    permissions: [policies(['get', 'delete'])],
    verbs: ['kubernetes:remove-fault:NetworkPolicy', 'kubernetes:delete:NetworkPolicy'],
    example: example(`remove_${func}`, { ns: 'storefront' }),
    run: (args, context: ChaosActivityContext) => removePolicy(remove, context, c.name, args.ns),
  };
  return [
    [create, add],
    [remove, take],
  ] as Array<[string, PythonFunction]>;
});

const CREATE_INGRESS = `${MODULE}.create_ingress`;
const DELETE_INGRESS = `${MODULE}.delete_ingress`;
const UPDATE_INGRESS = `${MODULE}.update_ingress`;
const INGRESS_EXISTS = 'chaosk8s.networking.probes.ingress_exists';

const specPathArgs = z.strictObject({ spec_path: z.string().min(1), ns });
const updateArgs = z.strictObject({
  name: z.string().min(1),
  /** A merge patch: the fields to change. */
  spec: z.record(z.string(), z.unknown()),
  ns,
});

export const createIngress: PythonFunction<typeof specPathArgs> = {
  description: 'Creates an Ingress from a JSON or YAML spec file, through the safety gate.',
  kind: 'action',
  arguments: specPathArgs,
  permissions: [ingresses(['create'])],
  verbs: ['kubernetes:create:Ingress'],
  example: example('create_ingress', { spec_path: 'chaos/ingress.yaml', ns: 'storefront' }),
  async run(args, context: ChaosActivityContext) {
    const spec = await readSpecFile(CREATE_INGRESS, args.spec_path);
    return { created: (await createFromManifest(CREATE_INGRESS, context, spec, args.ns)).created };
  },
};

export const deleteIngress: PythonFunction<typeof removeArgs> = {
  description: 'Deletes an Ingress by name, through the safety gate.',
  kind: 'action',
  arguments: removeArgs,
  permissions: [ingresses(['get', 'delete'])],
  verbs: ['kubernetes:delete:Ingress'],
  example: example('delete_ingress', { name: 'web', ns: 'storefront' }),
  async run(args, context: ChaosActivityContext) {
    const { targets, scope } = kubeTargets(context, DELETE_INGRESS);
    const ref = kubeRef(targets, scope, args.ns, 'Ingress', args.name);
    return (await actOnObject(DELETE_INGRESS, context, ref, 'delete', {})).output ?? {};
  },
};

export const updateIngress: PythonFunction<typeof updateArgs> = {
  description: 'Patches an Ingress with the given fields (a merge patch), through the safety gate.',
  kind: 'action',
  arguments: updateArgs,
  permissions: [ingresses(['get', 'patch'])],
  verbs: ['kubernetes:patch:Ingress'],
  example: example('update_ingress', {
    name: 'web',
    ns: 'storefront',
    spec: { spec: { defaultBackend: { service: { name: 'maintenance', port: { number: 80 } } } } },
  }),
  async run(args, context: ChaosActivityContext) {
    const { targets, scope } = kubeTargets(context, UPDATE_INGRESS);
    const ref = kubeRef(targets, scope, args.ns, 'Ingress', args.name);
    return (
      (
        await actOnObject(UPDATE_INGRESS, context, ref, 'patch', {
          type: 'merge',
          patch: args.spec,
        })
      ).output ?? {}
    );
  },
};

export const ingressExists: PythonFunction<typeof removeArgs> = {
  description: 'True when the Ingress exists in the namespace (false otherwise).',
  kind: 'probe',
  arguments: removeArgs,
  permissions: [ingresses(['list'])],
  example: {
    ...example('ingress_exists', { name: 'web', ns: 'storefront' }, 'chaosk8s.networking.probes'),
    type: 'probe',
    tolerance: true,
  },
  async run(args, context: ChaosActivityContext) {
    return (
      (await findObjects(INGRESS_EXISTS, context, 'Ingress', args.ns, args.name, undefined))
        .length > 0
    );
  },
};

export const NETWORKING_FUNCTIONS = Object.fromEntries([
  [CREATE_NETWORK_POLICY, createNetworkPolicy],
  [REMOVE_NETWORK_POLICY, removeNetworkPolicy],
  ...cannedFunctions,
  [CREATE_INGRESS, createIngress],
  [DELETE_INGRESS, deleteIngress],
  [UPDATE_INGRESS, updateIngress],
  [INGRESS_EXISTS, ingressExists],
]) as Record<string, PythonFunction>;
