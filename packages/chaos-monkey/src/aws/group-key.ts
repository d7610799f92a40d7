/** The parts of an instance group key (`<account>/<region>/AutoScalingGroup/<name>` or `.../tag/<k>=<v>`). */
export type InstanceGroupKey =
  | { account: string; region: string; kind: 'AutoScalingGroup'; name: string }
  | { account: string; region: string; kind: 'tag'; tag: string; value: string };

/**
 * Reads a group key made by `groupByAutoScalingGroup` or `groupByTag`. Tag keys may hold `=` and
 * `/`, so the tag is the one `groupTag` names rather than a guess from the text.
 */
export function parseInstanceGroupKey(key: string, groupTag: string): InstanceGroupKey | undefined {
  const m = /^([^/]*)\/([^/]*)\/(AutoScalingGroup|tag)\/(.+)$/.exec(key);
  if (!m) return undefined;
  const [, account = '', region = '', kind, rest = ''] = m;
  if (kind === 'AutoScalingGroup') return { account, region, kind, name: rest };
  if (!rest.startsWith(`${groupTag}=`)) return undefined;
  return { account, region, kind: 'tag', tag: groupTag, value: rest.slice(groupTag.length + 1) };
}
