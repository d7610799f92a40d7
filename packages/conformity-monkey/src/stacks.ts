import type { Resource } from '@simian/core';
import type { ConformityConfig, StackKey } from './config.js';

/** A stack: the unit the conformity monkey reports on, marks and tears down. */
export interface Stack {
  /** Stable id, used as the findings' and actions' group: `k8s:<context>/<namespace>/<name>`. */
  id: string;
  /** What people call it: the release, instance or namespace name, or the tag value. */
  name: string;
  /** Where the name came from: `label app.kubernetes.io/instance`, `namespace`, `tag simian:stack`, ... */
  source: string;
}

/** The stack settings (`monkeys.conformity.stacks`). */
export type StacksConfig = ConformityConfig['stacks'];

/** A stack and the judged resources that belong to it. */
export interface StackGroup {
  stack: Stack;
  resources: Resource[];
}

/**
 * Whether a resource is marked and torn down itself. A resource with a controller (a Deployment's
 * ReplicaSet and pods, a CronJob's Jobs, an Auto Scaling group's instances) is covered by its
 * controller, which would put back whatever was done to it.
 */
export const isStackMember = (r: Resource): boolean => r.controller === undefined;

/**
 * Returns a function that names the stack of a resource: its own stack label, annotation or tag
 * first; else its controller's stack, when the controller is among `resources` (so an untagged
 * instance joins its tagged Auto Scaling group); else its namespace (Kubernetes), its Auto Scaling
 * group or itself (AWS).
 */
export function stackResolver(
  resources: readonly Resource[],
  config: StacksConfig,
): (r: Resource) => Stack {
  const byName = new Map<string, Resource>();
  for (const r of resources) byName.set(nameKey(r, r.kind, r.name), r);
  const memo = new Map<string, Stack>();

  const resolve = (r: Resource, depth: number): Stack => {
    const own = ownStack(r, config);
    if (own) return own;
    const controller = r.controller && byName.get(nameKey(r, r.controller.kind, r.controller.name));
    // Owner chains are short (Pod -> ReplicaSet -> Deployment); the bound only guards odd data.
    if (controller && depth < 8) {
      const key = controller.ref;
      let stack = memo.get(key);
      if (!stack) {
        stack = resolve(controller, depth + 1);
        memo.set(key, stack);
      }
      return stack;
    }
    return fallbackStack(r);
  };
  return (r) => resolve(r, 0);
}

/** Groups judged resources by stack (see {@link stackResolver}), in the order first seen. */
export function groupByStack(
  resources: readonly Resource[],
  config: StacksConfig,
): Map<string, StackGroup> {
  const stackOf = stackResolver(resources, config);
  const groups = new Map<string, StackGroup>();
  for (const r of resources) {
    const stack = stackOf(r);
    let group = groups.get(stack.id);
    if (!group) {
      group = { stack, resources: [] };
      groups.set(stack.id, group);
    }
    group.resources.push(r);
  }
  return groups;
}

// Stacks are named per provider on purpose: the config names Kubernetes labels and annotations
// (`stacks.kubernetes`) apart from AWS tags (`stacks.aws`), and a stack without a name falls back
// to what each provider has (a namespace; an Auto Scaling group).
function ownStack(r: Resource, config: StacksConfig): Stack | undefined {
  if (r.provider === 'kubernetes') {
    for (const key of config.kubernetes) {
      const value = valueOf(r, key);
      if (value) {
        return {
          id: `k8s:${r.context ?? '_'}/${r.namespace ?? '_'}/${value}`,
          name: value,
          source: 'label' in key ? `label ${key.label}` : `annotation ${key.annotation}`,
        };
      }
    }
    return undefined;
  }
  for (const tag of config.aws) {
    const value = r.labels[tag]?.trim();
    if (value) return { id: `${awsPrefix(r)}/${value}`, name: value, source: `tag ${tag}` };
  }
  return undefined;
}

function fallbackStack(r: Resource): Stack {
  if (r.provider === 'kubernetes') {
    const ns = r.namespace ?? '_';
    return { id: `k8s:${r.context ?? '_'}/${ns}`, name: ns, source: 'namespace' };
  }
  if (r.provider === 'aws') {
    const group =
      r.controller?.kind === 'AutoScalingGroup'
        ? r.controller.name
        : r.kind === 'AutoScalingGroup'
          ? r.name
          : undefined;
    if (group) {
      return {
        id: `${awsPrefix(r)}/AutoScalingGroup/${group}`,
        name: group,
        source: 'Auto Scaling group',
      };
    }
  }
  return { id: `${awsPrefix(r)}/${r.kind}/${r.name}`, name: r.name, source: 'resource' };
}

function valueOf(r: Resource, key: StackKey): string | undefined {
  const value = 'label' in key ? r.labels[key.label] : r.annotations?.[key.annotation];
  return value?.trim() || undefined;
}

function awsPrefix(r: Resource): string {
  return `${r.provider}:${r.context ?? '_'}/${r.region ?? '_'}`;
}

function nameKey(r: Resource, kind: string, name: string): string {
  return `${r.provider}\0${r.context ?? ''}\0${r.namespace ?? r.region ?? ''}\0${kind}\0${name}`;
}
