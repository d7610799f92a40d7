import type { Finding, MonkeyBaseConfig, Resource, SimianConfig } from '@simian/core';
import type { JanitorConfig, Waiver } from './config.js';
import { isForever } from './rules/expiry.js';
import { TTL_KEY } from './kube-janitor/ttl.js';

/** Why the janitor keeps its hands off a resource whatever its rules say, as a finding's waiver. */
export type Exclusion = NonNullable<Finding['waiver']>;

const truthy = (v: string | undefined) =>
  v !== undefined && ['true', 'yes', '1', 'on'].includes(v.toLowerCase());

/** `*` globs over refs. */
function globMatches(pattern: string, value: string): boolean {
  if (!pattern.includes('*')) return pattern === value;
  const re = pattern
    .split('*')
    .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  return new RegExp(`^${re}$`).test(value);
}

/** The waiver of the config that covers `r` for `rule` now, if any. */
export function waiverFor(
  waivers: readonly Waiver[],
  r: Pick<Resource, 'ref'>,
  rule: string,
  now: Date,
): Waiver | undefined {
  return waivers.find(
    (w) =>
      globMatches(w.ref, r.ref) &&
      (w.rule === undefined || w.rule === rule || rule.startsWith(`${w.rule}:`)) &&
      (w.expires === undefined || Date.parse(w.expires) > now.getTime()),
  );
}

/**
 * Why `r` is never marked or removed by any rule, if it is: `janitor/ttl: forever`, the global
 * opt-out label, or the tags of a tool that manages it (CloudFormation, Terraform) unless
 * `managed.act`. Such a resource is still reported (its findings carry the reason as a waiver),
 * and a mark it carries comes off.
 */
export function exclusionOf(
  r: Resource,
  config: JanitorConfig,
  global: SimianConfig,
): Exclusion | undefined {
  if (isForever(r)) return { by: 'annotation', reason: `${TTL_KEY}: forever` };
  const optOut = global.safety.optOutLabel;
  if (truthy(r.labels[optOut]) || truthy(r.annotations?.[optOut])) {
    return { by: 'annotation', reason: `opted out with ${optOut}=true` };
  }
  if (!config.managed.act) {
    for (const tag of config.managed.tags) {
      const value = r.labels[tag.key];
      if (value === undefined) continue;
      if (tag.value !== undefined && value.toLowerCase() !== tag.value.toLowerCase()) continue;
      return {
        by: 'annotation',
        reason: `managed by another tool (${tag.key}=${value}); set managed.act to include it`,
      };
    }
  }
  return undefined;
}

/**
 * Whether a Namespace object is one the janitor may not judge at all: a protected namespace, or
 * one outside the namespaces in scope. The gate judges namespaced objects by their namespace; a
 * Namespace object has none, so the janitor judges it by its name.
 */
export function namespaceOffLimits(
  r: Resource,
  global: SimianConfig,
  monkey: MonkeyBaseConfig,
): boolean {
  if (r.kind !== 'Namespace') return false;
  if (global.safety.protected.namespaces.includes(r.name)) return true;
  for (const scope of [global.safety.scope.namespaces, monkey.safety.scope?.namespaces]) {
    if (!scope) continue;
    if (scope.exclude.some((p) => globMatches(p, r.name))) return true;
    if (scope.include.length > 0 && !scope.include.some((p) => globMatches(p, r.name))) return true;
  }
  return false;
}
