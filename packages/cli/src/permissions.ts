import {
  monkeyConfigOf,
  monkeyReads,
  monkeyVerbs,
  type Monkey,
  type Permission,
  type Registry,
  type SimianConfig,
} from '@simian/core';
import { leasePermissions } from '@simian/provider-kubernetes';

/** What a monkey (or an experiment) reads (`provider:Kind`) and may do (`provider:verb:Kind`). */
export interface Declared {
  reads: readonly string[];
  verbs: readonly string[];
}

/**
 * The permissions `monkeys` need, per provider, read from the registries (docs/architecture.md): list
 * on every kind a monkey reads, and each `provider:verb:Kind` it declares. No second list. With
 * `config`, each monkey's declaration under its own config (`permissionsFor`), as the executor
 * checks it.
 */
export function permissionsNeeded(
  registry: Registry,
  monkeys: Monkey[],
  config?: SimianConfig,
): Map<string, Permission[]> {
  return permissionsDeclared(
    registry,
    monkeys.map((m) => {
      const own = config ? monkeyConfigOf(config, m) : undefined;
      return { reads: monkeyReads(m, own), verbs: monkeyVerbs(m, own) };
    }),
  );
}

/** The permissions of what `declared` reads and does, per provider, from the registries. */
export function permissionsDeclared(
  registry: Registry,
  declared: Declared[],
): Map<string, Permission[]> {
  const out = new Map<string, Permission[]>();
  for (const factory of registry.providers()) {
    const perms: Permission[] = [];
    for (const monkey of declared) {
      const kinds = monkey.reads
        .filter((r) => r.startsWith(`${factory.name}:`))
        .map((r) => r.slice(factory.name.length + 1));
      for (const k of factory.kinds.filter((d) => kinds.includes(d.kind)))
        perms.push(...k.permissions);
      const wanted = monkey.verbs
        .map((entry) => entry.split(':'))
        .filter(([provider]) => provider === factory.name)
        .map(([, verb, kind]) => ({ verb, kinds: kind === '*' || !kind ? kinds : [kind] }));
      for (const v of factory.verbs) {
        if (wanted.some((w) => w.verb === v.verb && v.kinds.some((k) => w.kinds.includes(k))))
          perms.push(...v.permissions);
      }
    }
    if (perms.length > 0) out.set(factory.name, dedupe(perms));
  }
  return out;
}

/** Where `simian daemon --lease` keeps its Lease. */
export interface LeaseRef {
  namespace: string;
  name: string;
}

/**
 * What every run needs whatever its monkeys do, per provider: the kill switches of `config`'s
 * targets (a ConfigMap, an SSM parameter), report objects it writes, and the daemon's Lease.
 */
export function runtimePermissions(
  registry: Registry,
  config: SimianConfig,
  options: { lease?: LeaseRef } = {},
): Map<string, Permission[]> {
  const out = new Map<string, Permission[]>();
  for (const factory of registry.providers()) {
    const target = config.targets[factory.name];
    const perms = target !== undefined ? (factory.runtimePermissions?.(target, config) ?? []) : [];
    if (factory.name === 'kubernetes' && options.lease)
      perms.push(...leasePermissions(options.lease.namespace, options.lease.name));
    if (perms.length > 0) out.set(factory.name, perms);
  }
  return out;
}

/** Both maps, merged per provider. */
export function mergePermissions(
  ...maps: Array<Map<string, Permission[]>>
): Map<string, Permission[]> {
  const out = new Map<string, Permission[]>();
  for (const map of maps)
    for (const [provider, perms] of map)
      out.set(provider, dedupe([...(out.get(provider) ?? []), ...perms]));
  return out;
}

export function enabledMonkeys(
  registry: Registry,
  config: SimianConfig,
  names: string[] = [],
): Monkey[] {
  if (names.length > 0) return names.map((n) => registry.monkey(n));
  return registry.monkeys().filter((m) => monkeyConfigOf(config, m).enabled);
}

function dedupe(perms: Permission[]): Permission[] {
  const seen = new Set<string>();
  return perms.filter((p) => {
    const key = JSON.stringify(p);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
