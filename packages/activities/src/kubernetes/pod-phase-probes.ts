import { ActionFailedError, type Permission } from '@simian/core';
import { type PythonFunction } from '@simian/experiments';
import { z } from 'zod';
import type { ChaosActivityContext } from './activity-targets.js';
import { conditionsOf, phaseOf, podsInNamespace } from './pods-in-namespace.js';

// chaostoolkit-kubernetes' pod probes that read phases and conditions, natively and read-only.
// Each lists the pods of `ns` matching `label_selector` (every pod of `ns` when it is empty) and
// answers as the Python function does, with the same failure messages.

const MODULE = 'chaosk8s.pod.probes';
export const PODS_IN_PHASE = `${MODULE}.pods_in_phase`;
export const PODS_NOT_IN_PHASE = `${MODULE}.pods_not_in_phase`;
export const PODS_IN_CONDITIONS = `${MODULE}.pods_in_conditions`;
export const COUNT_PODS = `${MODULE}.count_pods`;
export const COUNT_MIN_PODS = `${MODULE}.count_min_pods`;
export const POD_IS_NOT_AVAILABLE = `${MODULE}.pod_is_not_available`;
export const ALL_PODS_HEALTHY = `${MODULE}.all_pods_healthy`;

const listPods: Permission[] = [{ kind: 'rbac', group: '', resource: 'pods', verbs: ['list'] }];
const ns = z.string().min(1).default('default');
const selector = z.string().nullish();

/** Fails with `message`, or returns false when the experiment asked not to raise. */
const failOr = (raise: boolean, message: string): false => {
  if (raise) throw new ActionFailedError(message);
  return false;
};

const example = (func: string, args: Record<string, unknown>, tolerance: unknown = true) => ({
  type: 'probe' as const,
  name: func.replaceAll('_', '-'),
  tolerance,
  provider: { type: 'python' as const, module: MODULE, func, arguments: args },
});

const phaseArgs = z.strictObject({
  label_selector: selector,
  /** @default "Running" */
  phase: z.string().min(1).default('Running'),
  ns,
  /** false: return false instead of failing. @default true */
  raise_on_invalid_phase: z.boolean().default(true),
});

/** `pods_in_phase`: true when there are matching pods and every one is in `phase`. */
export const podsInPhase: PythonFunction<typeof phaseArgs> = {
  description: 'True when pods match the selector and all are in the phase (Running by default).',
  kind: 'probe',
  arguments: phaseArgs,
  permissions: listPods,
  example: example('pods_in_phase', { label_selector: 'app=web', ns: 'storefront' }),
  async run(args, context: ChaosActivityContext) {
    const pods = await podsInNamespace(PODS_IN_PHASE, context, args.ns, args.label_selector);
    const sel = args.label_selector ?? '';
    if (pods.length === 0)
      return failOr(args.raise_on_invalid_phase, `no pods '${sel}' were found`);
    for (const pod of pods) {
      const phase = phaseOf(pod);
      if (phase !== args.phase) {
        return failOr(
          args.raise_on_invalid_phase,
          `pod '${sel}' is in phase '${phase}' but should be '${args.phase}' (${pod.name})`,
        );
      }
    }
    return true;
  },
};

const notPhaseArgs = phaseArgs
  .omit({ raise_on_invalid_phase: true })
  .extend({ raise_on_in_phase: z.boolean().default(true) });

/** `pods_not_in_phase`: true when there are matching pods and none is in `phase`. */
export const podsNotInPhase: PythonFunction<typeof notPhaseArgs> = {
  description: 'True when pods match the selector and none is in the phase (Running by default).',
  kind: 'probe',
  arguments: notPhaseArgs,
  permissions: listPods,
  example: example('pods_not_in_phase', {
    label_selector: 'app=web',
    ns: 'storefront',
    phase: 'Pending',
  }),
  async run(args, context: ChaosActivityContext) {
    const pods = await podsInNamespace(PODS_NOT_IN_PHASE, context, args.ns, args.label_selector);
    const sel = args.label_selector ?? '';
    if (pods.length === 0) return failOr(args.raise_on_in_phase, `no pods '${sel}' were found`);
    const inPhase = pods.find((p) => phaseOf(p) === args.phase);
    if (inPhase) {
      return failOr(
        args.raise_on_in_phase,
        `pod '${sel}' should not be in phase '${args.phase}' (${inPhase.name})`,
      );
    }
    return true;
  },
};

const conditionsArgs = z.strictObject({
  label_selector: selector,
  /** Each `{type, status}` must be among every pod's conditions, e.g. `{type: Ready, status: "True"}`. */
  conditions: z.array(z.strictObject({ type: z.string(), status: z.string() })).min(1),
  ns,
  /** @default true */
  raise_on_invalid_conditions: z.boolean().default(true),
});

/** `pods_in_conditions`: true when there are matching pods and each has every given condition. */
export const podsInConditions: PythonFunction<typeof conditionsArgs> = {
  description:
    'True when pods match the selector and each has every given {type, status} condition.',
  kind: 'probe',
  arguments: conditionsArgs,
  permissions: listPods,
  example: example('pods_in_conditions', {
    label_selector: 'app=web',
    ns: 'storefront',
    conditions: [{ type: 'Ready', status: 'True' }],
  }),
  async run(args, context: ChaosActivityContext) {
    const pods = await podsInNamespace(PODS_IN_CONDITIONS, context, args.ns, args.label_selector);
    const raise = args.raise_on_invalid_conditions;
    if (pods.length === 0)
      return failOr(raise, `no pods '${args.label_selector ?? ''}' were found`);
    for (const pod of pods) {
      const has = conditionsOf(pod);
      const missing = args.conditions.find(
        (c) => !has.some((h) => h.type === c.type && h.status === c.status),
      );
      if (missing) {
        return failOr(
          raise,
          `pod ${pod.name} does not match the following given condition: ${JSON.stringify(missing)}`,
        );
      }
    }
    return true;
  },
};

const countArgs = z.strictObject({
  label_selector: selector,
  /** Only pods in this phase. @default any phase */
  phase: z.string().nullish(),
  ns,
});

/** `count_pods`: how many matching pods there are (in `phase`, if given). */
export const countPods: PythonFunction<typeof countArgs> = {
  description: 'How many pods match the selector (only those in `phase`, if given).',
  kind: 'probe',
  arguments: countArgs,
  permissions: listPods,
  example: example(
    'count_pods',
    { label_selector: 'app=web', ns: 'storefront', phase: 'Running' },
    [3, 3],
  ),
  async run(args, context: ChaosActivityContext) {
    const pods = await podsInNamespace(COUNT_PODS, context, args.ns, args.label_selector);
    return args.phase ? pods.filter((p) => phaseOf(p) === args.phase).length : pods.length;
  },
};

const minArgs = z.strictObject({
  label_selector: selector,
  /** @default "Running" */
  phase: z.string().min(1).default('Running'),
  /** @default 2 */
  min_count: z.int().min(0).default(2),
  ns,
});

/** `count_min_pods`: whether at least `min_count` matching pods are in `phase`. */
export const countMinPods: PythonFunction<typeof minArgs> = {
  description: 'True when at least min_count pods matching the selector are in the phase.',
  kind: 'probe',
  arguments: minArgs,
  permissions: listPods,
  example: example('count_min_pods', { label_selector: 'app=web', ns: 'storefront', min_count: 2 }),
  async run(args, context: ChaosActivityContext) {
    const pods = await podsInNamespace(COUNT_MIN_PODS, context, args.ns, args.label_selector);
    return pods.filter((p) => phaseOf(p) === args.phase).length >= args.min_count;
  },
};

const notAvailableArgs = z.strictObject({
  name: z.string().min(1),
  ns,
  /** `{name}` stands for `name`. @default "name in ({name})" */
  label_selector: z.string().nullish().default('name in ({name})'),
  /** @default true */
  raise_on_is_available: z.boolean().default(true),
});

/** `pod_is_not_available`: true when no pod labelled `name` is Running. */
export const podIsNotAvailable: PythonFunction<typeof notAvailableArgs> = {
  description: 'True when no pod matching the selector (name in (<name>) by default) is Running.',
  kind: 'probe',
  arguments: notAvailableArgs,
  permissions: listPods,
  example: example('pod_is_not_available', { name: 'web', ns: 'storefront' }),
  async run(args, context: ChaosActivityContext) {
    const sel = (args.label_selector ?? '').replaceAll('{name}', args.name);
    const pods = await podsInNamespace(POD_IS_NOT_AVAILABLE, context, args.ns, sel);
    if (pods.some((p) => phaseOf(p) === 'Running')) {
      return failOr(args.raise_on_is_available, `pod '${args.name}' is actually running`);
    }
    return true;
  },
};

const healthyArgs = z.strictObject({
  ns,
  /** @default true */
  raise_on_any_unhealthy: z.boolean().default(true),
});

/** `all_pods_healthy`: true when no pod of `ns` is Failed and every one is Running or Succeeded. */
export const allPodsHealthy: PythonFunction<typeof healthyArgs> = {
  description: 'True when every pod of the namespace is Running or Succeeded.',
  kind: 'probe',
  arguments: healthyArgs,
  permissions: listPods,
  example: example('all_pods_healthy', { ns: 'storefront' }),
  async run(args, context: ChaosActivityContext) {
    const pods = await podsInNamespace(ALL_PODS_HEALTHY, context, args.ns, undefined);
    const failed = pods.filter((p) => phaseOf(p) === 'Failed');
    const notReady = pods.filter(
      (p) => !['Running', 'Succeeded', 'Failed'].includes(phaseOf(p) ?? ''),
    );
    if (failed.length > 0 || notReady.length > 0) {
      const names = [...failed, ...notReady].map((p) => `${p.name} (${phaseOf(p) ?? 'no phase'})`);
      return failOr(args.raise_on_any_unhealthy, `the system is unhealthy: ${names.join(', ')}`);
    }
    return true;
  },
};
