/**
 * Matches `value` against a pattern in which `*` stands for any run of characters (and nothing
 * else is special): `K8S-HEALTH-*`, `k8s:prod/*`. Case-sensitive.
 */
export function globMatch(pattern: string, value: string): boolean {
  if (!pattern.includes('*')) return pattern === value;
  const parts = pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^${parts.join('.*')}$`, 's').test(value);
}
