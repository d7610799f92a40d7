import type { Resource } from '@simian/core';
import { inServiceIds, instanceIdOf, isRunning, scalingGroupView } from './instance-state.js';

/** EC2 instances that stand or fall together: an Auto Scaling group, or one value of a tag. */
export interface InstanceGroup {
  /** `<account>/<region>/AutoScalingGroup/<name>` or `<account>/<region>/tag/<key>=<value>`. */
  key: string;
  /** In words: `Auto Scaling group web` or `instances tagged app=web`. */
  name: string;
  /** The Auto Scaling group, when grouped by one. */
  autoScalingGroup?: Resource;
  /** Every listed member, whatever its state. */
  instances: Resource[];
  /** Members healthy now: InService and Healthy in the group, or running for a tag group. */
  healthyIds: string[];
  /** DesiredCapacity of an Auto Scaling group; a tag group has no desired size. */
  desired?: number;
  /** MinSize of an Auto Scaling group. */
  minSize?: number;
}

const where = (r: Resource) => `${r.context ?? 'aws'}/${r.region ?? 'global'}`;
const byKey = (a: { key: string }, b: { key: string }) =>
  a.key < b.key ? -1 : a.key > b.key ? 1 : 0;

/**
 * One group per listed Auto Scaling group, with the instances it names. Instances outside any
 * group have no one to replace them and are not grouped.
 */
export function groupByAutoScalingGroup(
  instances: readonly Resource[],
  groups: readonly Resource[],
): InstanceGroup[] {
  return groups
    .map((asg): InstanceGroup => {
      const view = scalingGroupView(asg);
      const name = view?.name ?? asg.name;
      const members = instances.filter(
        (i) =>
          i.region === asg.region &&
          i.controller?.kind === 'AutoScalingGroup' &&
          i.controller.name === name,
      );
      return {
        key: `${where(asg)}/AutoScalingGroup/${name}`,
        name: `Auto Scaling group ${name}`,
        autoScalingGroup: asg,
        instances: members.sort((a, b) => (instanceIdOf(a) < instanceIdOf(b) ? -1 : 1)),
        healthyIds: inServiceIds(view),
        ...(view?.desired !== undefined ? { desired: view.desired } : {}),
        ...(view?.min !== undefined ? { minSize: view.min } : {}),
      };
    })
    .sort(byKey);
}

/** One group per value of `tag` among the instances; instances without the tag are not grouped. */
export function groupByTag(instances: readonly Resource[], tag: string): InstanceGroup[] {
  const groups = new Map<string, InstanceGroup>();
  for (const i of instances) {
    const value = i.labels[tag];
    if (value === undefined) continue;
    const key = `${where(i)}/tag/${tag}=${value}`;
    let g = groups.get(key);
    if (!g) {
      g = { key, name: `instances tagged ${tag}=${value}`, instances: [], healthyIds: [] };
      groups.set(key, g);
    }
    g.instances.push(i);
    if (isRunning(i)) g.healthyIds.push(instanceIdOf(i));
  }
  for (const g of groups.values()) {
    g.instances.sort((a, b) => (instanceIdOf(a) < instanceIdOf(b) ? -1 : 1));
  }
  return [...groups.values()].sort(byKey);
}
