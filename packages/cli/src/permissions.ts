import {
  monkeyConfigOf,
  type Monkey,
  type Permission,
  type Registry,
  type SimianConfig,
} from '@simian/core';

/**
 * The permissions `monkeys` need, per provider, read from the registries (docs/architecture.md): list
 * on every kind a monkey reads, and each `provider:verb:Kind` it declares. No second list.
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
