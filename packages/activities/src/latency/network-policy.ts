import { readFileSync } from 'node:fs';
import { SimianError } from '@simian/core';
import type { PythonFunction } from '@simian/experiments';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type { ChaosActivityContext } from '../kubernetes/activity-targets.js';
import {
  faultDurationArgument,
  injectFaultObject,
  NETWORK_POLICY,
  removeFaultObject,
} from './fault-actions.js';

/** The dotted names experiments call. */
export const CREATE_NETWORK_POLICY = 'chaosk8s.networking.actions.create_network_policy';
export const REMOVE_NETWORK_POLICY = 'chaosk8s.networking.actions.remove_network_policy';
export const DENY_ALL_INGRESS = 'chaosk8s.networking.actions.deny_all_ingress';
export const REMOVE_DENY_ALL_INGRESS = 'chaosk8s.networking.actions.remove_deny_all_ingress';
export const DENY_ALL_EGRESS = 'chaosk8s.networking.actions.deny_all_egress';
export const REMOVE_DENY_ALL_EGRESS = 'chaosk8s.networking.actions.remove_deny_all_egress';

/** The names chaostoolkit-kubernetes gives its helper policies. */
const DENY_INGRESS_NAME = 'chaostoolkit-deny-all-ingress';
const DENY_EGRESS_NAME = 'chaostoolkit-deny-all-egress';

const policyPermissions = [
  {
    kind: 'rbac' as const,
    group: 'networking.k8s.io',
    resource: 'networkpolicies',
    verbs: ['create', 'get', 'delete'],
  },
];

const createArguments = z.strictObject({
  /** The NetworkPolicy manifest. */
  spec: z.record(z.string(), z.unknown()).nullish(),
  /** A JSON or YAML file holding it, instead of `spec`. */
  spec_path: z.string().min(1).nullish(),
  /** @default "default" */
  ns: z.string().min(1).default('default'),
  ...faultDurationArgument,
});

function policyFrom(args: z.output<typeof createArguments>): Record<string, unknown> {
  if (args.spec) return args.spec;
  if (args.spec_path) {
    const text = readFileSync(args.spec_path, 'utf8');
    return (args.spec_path.endsWith('.json') ? JSON.parse(text) : parseYaml(text)) as Record<
      string,
      unknown
    >;
  }
  throw new SimianError('INPUT_INVALID', `${CREATE_NETWORK_POLICY}: give spec or spec_path`);
}

/**
 * `chaosk8s.networking.actions.create_network_policy`, natively: the policy is injected as a fault
 * (`inject-fault`): gated, in the ledger, stamped with its expiry `duration` from now, so the
 * reaper removes it even if the experiment's rollback never runs. Seed 003's third scenario: a
 * stricter policy that cuts the middle service off from the back service.
 */
export const createNetworkPolicy: PythonFunction<typeof createArguments> = {
  description:
    'Creates a NetworkPolicy as a bounded fault (its expiry on the object: removed by remove_network_policy, the session, or the reaper).',
  kind: 'action',
  arguments: createArguments,
  permissions: policyPermissions,
  example: {
    type: 'action',
    name: 'back-refuses-middle',
    provider: {
      type: 'python',
      module: 'chaosk8s.networking.actions',
      func: 'create_network_policy',
      arguments: {
        ns: 'shop',
        duration: '2m',
        spec: {
          apiVersion: 'networking.k8s.io/v1',
          kind: 'NetworkPolicy',
          metadata: { name: 'back-refuses-middle' },
          spec: {
            podSelector: { matchLabels: { app: 'back' } },
            policyTypes: ['Ingress'],
            ingress: [],
          },
        },
      },
    },
  },
  async run(args, context: ChaosActivityContext) {
    const policy = policyFrom(args);
    const name = (policy.metadata as { name?: unknown } | undefined)?.name;
    if (typeof name !== 'string' || name === '') {
      throw new SimianError(
        'INPUT_INVALID',
        `${CREATE_NETWORK_POLICY}: the policy has no metadata.name`,
      );
    }
    const outcome = await injectFaultObject(
      CREATE_NETWORK_POLICY,
      context,
      NETWORK_POLICY,
      { name, ns: args.ns, duration: args.duration },
      policy,
    );
    return outcome.output ?? {};
  },
};

const removeArguments = z.strictObject({
  name: z.string().min(1),
  /** @default "default" */
  ns: z.string().min(1).default('default'),
});

/** `chaosk8s.networking.actions.remove_network_policy`, natively: the fault's `remove-fault`. */
export const removeNetworkPolicy: PythonFunction<typeof removeArguments> = {
  description:
    'Removes a NetworkPolicy a fault activity created (remove-fault: never held back; gone already is fine; a policy Simian did not stamp is left alone).',
  kind: 'action',
  arguments: removeArguments,
  permissions: policyPermissions,
  example: {
    type: 'action',
    name: 'back-takes-middle-again',
    provider: {
      type: 'python',
      module: 'chaosk8s.networking.actions',
      func: 'remove_network_policy',
      arguments: { name: 'back-refuses-middle', ns: 'shop' },
    },
  },
  async run(args, context: ChaosActivityContext) {
    const outcome = await removeFaultObject(REMOVE_NETWORK_POLICY, context, NETWORK_POLICY, args);
    return outcome.output ?? {};
  },
};

const denyArguments = z.strictObject({
  label_selectors: z.record(z.string(), z.string()).nullish(),
  /** @default "default" */
  ns: z.string().min(1).default('default'),
  ...faultDurationArgument,
});

function denyAll(
  fn: string,
  policyName: string,
  policyType: 'Ingress' | 'Egress',
): PythonFunction<typeof denyArguments> {
  return {
    description: `Denies all ${policyType.toLowerCase()} traffic of the pods (all, or those label_selectors picks) with a NetworkPolicy, as a bounded fault.`,
    kind: 'action',
    arguments: denyArguments,
    permissions: policyPermissions,
    example: {
      type: 'action',
      name: `deny-all-${policyType.toLowerCase()}`,
      provider: {
        type: 'python',
        module: 'chaosk8s.networking.actions',
        func: fn.split('.').pop()!,
        arguments: { label_selectors: { app: 'back' }, ns: 'shop' },
      },
    },
    async run(args, context: ChaosActivityContext) {
      const podSelector = args.label_selectors ? { matchLabels: args.label_selectors } : {};
      const spec =
        policyType === 'Ingress'
          ? { podSelector, policyTypes: ['Ingress'], ingress: [] }
          : { podSelector, policyTypes: ['Egress'] };
      const outcome = await injectFaultObject(
        fn,
        context,
        NETWORK_POLICY,
        { name: policyName, ns: args.ns, duration: args.duration },
        {
          apiVersion: 'networking.k8s.io/v1',
          kind: 'NetworkPolicy',
          metadata: { name: policyName },
          spec,
        },
      );
      return outcome.output ?? {};
    },
  };
}

function removeDenyAll(fn: string, policyName: string): PythonFunction<typeof removeDenyArguments> {
  return {
    description: `Removes the policy ${fn.replace('remove_', '').split('.').pop()} created (remove-fault).`,
    kind: 'action',
    arguments: removeDenyArguments,
    permissions: policyPermissions,
    example: {
      type: 'action',
      name: fn.split('.').pop()!.replaceAll('_', '-'),
      provider: {
        type: 'python',
        module: 'chaosk8s.networking.actions',
        func: fn.split('.').pop()!,
        arguments: { ns: 'shop' },
      },
    },
    async run(args, context: ChaosActivityContext) {
      const outcome = await removeFaultObject(fn, context, NETWORK_POLICY, {
        name: policyName,
        ns: args.ns,
      });
      return outcome.output ?? {};
    },
  };
}
const removeDenyArguments = z.strictObject({
  /** @default "default" */
  ns: z.string().min(1).default('default'),
});

export const denyAllIngress = denyAll(DENY_ALL_INGRESS, DENY_INGRESS_NAME, 'Ingress');
export const removeDenyAllIngress = removeDenyAll(REMOVE_DENY_ALL_INGRESS, DENY_INGRESS_NAME);
export const denyAllEgress = denyAll(DENY_ALL_EGRESS, DENY_EGRESS_NAME, 'Egress');
export const removeDenyAllEgress = removeDenyAll(REMOVE_DENY_ALL_EGRESS, DENY_EGRESS_NAME);
