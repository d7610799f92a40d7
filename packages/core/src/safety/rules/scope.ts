import { drop, PASS, type GateRule } from '../rule.js';

interface IncludeExclude {
  include: string[];
  exclude: string[];
}

/** Exact names or simple globs (`team-*`). */
function matches(pattern: string, value: string): boolean {
  if (!pattern.includes('*')) return pattern === value;
  const re = new RegExp(
    `^${pattern
      .split('*')
      .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );
  return re.test(value);
}

export function outOfScope(
  value: string | undefined,
  rule: IncludeExclude | undefined,
  what: string,
): string | undefined {
  if (value === undefined || !rule) return undefined;
  if (rule.exclude.some((p) => matches(p, value))) return `${what} "${value}" is excluded by scope`;
  if (rule.include.length > 0 && !rule.include.some((p) => matches(p, value))) {
    return `${what} "${value}" is not in the included ${what}s (${rule.include.join(', ')})`;
  }
  return undefined;
}

export const scopeRule: GateRule = {
  name: 'scope',
  description:
    'Only namespaces, contexts, accounts and regions in scope (global and per monkey) are touched.',
  appliesTo: 'all',
  resourceOnly: true,
  check(action, ctx) {
    const g = ctx.config.safety.scope;
    const m = ctx.monkeyConfig.safety.scope;
    const r = action.resource;
    const isAws = r.provider === 'aws';
    const reason =
      outOfScope(r.namespace, g.namespaces, 'namespace') ??
      outOfScope(r.namespace, m?.namespaces, 'namespace') ??
      (isAws
        ? outOfScope(r.context, g.accounts, 'account')
        : outOfScope(r.context, g.contexts, 'context')) ??
      outOfScope(r.region, g.regions, 'region') ??
      outOfScope(r.region, m?.regions, 'region');
    return reason ? drop(reason) : PASS;
  },
};
