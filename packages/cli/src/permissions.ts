import {
  monkeyConfigOf,
  type Monkey,
  type Permission,
  type Registry,
  type SimianConfig,
} from '@simian/core';

/**
 * The permissions `monkeys` need, per provider, read from the registries (DESIGN habit 1): list
 * on every kind a monkey reads, and each verb it may use on those same kinds. No second list.
 */
export function permissionsNeeded(
  registry: Registry,
  monkeys: Monkey[],
): Map<string, Permission[]> {
  const out = new Map<string, Permission[]>();
  for (const factory of registry.providers()) {
    const perms: Permission[] = [];
    for (const monkey of monkeys) {
      const kinds = monkey.reads
        .filter((r) => r.startsWith(`${factory.name}:`))
        .map((r) => r.slice(factory.name.length + 1));
      for (const k of factory.kinds.filter((d) => kinds.includes(d.kind)))
        perms.push(...k.permissions);
      for (const v of factory.verbs) {
        if (monkey.verbs.includes(v.verb) && v.kinds.some((k) => kinds.includes(k)))
          perms.push(...v.permissions);
      }
    }
    if (perms.length > 0) out.set(factory.name, dedupe(perms));
  }
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
