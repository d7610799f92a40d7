import { GATE_RULES, type Permission, type ProviderFactory } from '@simian/core';
import { markdownTable } from './sections.js';
import { paramsSummary } from './params-summary.js';

/** A permission as a person reads it: `get, list pods` (RBAC) or `ec2:DescribeVolumes` (IAM). */
export function permissionText(p: Permission): string {
  if (p.kind === 'iam') return p.actions.map((a) => `\`${a}\``).join(', ');
  const resource = `${p.resource}${p.subresource ? `/${p.subresource}` : ''}`;
  return `${p.verbs.map((v) => `\`${v}\``).join(', ')} on \`${resource}\``;
}

const permissionsText = (ps: readonly Permission[]) =>
  [...new Set(ps.map(permissionText))].join('; ');

/** The kinds a provider lists, and what listing each costs. */
export function kindsTable(factory: ProviderFactory): string {
  return markdownTable(
    ['kind', 'permissions to list and read'],
    factory.kinds.map((k) => [`\`${k.kind}\``, permissionsText(k.permissions)]),
  );
}

/**
 * The verbs a provider carries out, one row per verb and the same params and permissions: the
 * kinds it applies to, its params (from its schema), what dry-run does, the permissions, and
 * what it does. "every listed kind" when a verb applies to all the provider's kinds.
 */
export function verbsTable(factory: ProviderFactory): string {
  const allKinds = factory.kinds.map((k) => k.kind);
  const rows = new Map<string, { verb: string; kinds: string[]; cells: string[] }>();
  for (const v of factory.verbs) {
    const cells = [
      paramsSummary(v.params),
      permissionsText(v.permissions),
      v.dryRun ?? '',
      v.description + (v.recoveredBy ? ` Removed by \`${v.recoveredBy}\`.` : ''),
    ];
    const key = JSON.stringify([v.verb, cells[0], cells[2], cells[3]]);
    const row = rows.get(key) ?? { verb: v.verb, kinds: [], cells };
    row.kinds.push(...v.kinds);
    rows.set(key, row);
  }
  return markdownTable(
    ['verb', 'kinds', 'params', 'permissions', 'dry-run', 'what it does'],
    [...rows.values()].map((r) => [
      `\`${r.verb}\``,
      allKinds.length > 3 && allKinds.every((k) => r.kinds.includes(k))
        ? 'every listed kind'
        : r.kinds.join(', '),
      r.cells[0]!,
      rowPermissions(
        factory.verbs
          .filter((v) => v.verb === r.verb && v.kinds.some((k) => r.kinds.includes(k)))
          .flatMap((v) => v.permissions),
      ),
      r.cells[2]!,
      r.cells[3]!,
    ]),
  );
}

/**
 * The permissions of a row that covers several kinds: IAM actions as they are (a short set), and
 * RBAC grants per kind written once, on "the kind's resource".
 */
function rowPermissions(ps: readonly Permission[]): string {
  const rbac = ps.filter((p) => p.kind === 'rbac');
  if (new Set(rbac.map((p) => p.resource)).size <= 1) return permissionsText(ps);
  const general = rbac.map(
    (p) =>
      `${p.verbs.map((v) => `\`${v}\``).join(', ')} on the kind's resource${p.subresource ? `/${p.subresource}` : ''}`,
  );
  return [...new Set([...general, ...ps.filter((p) => p.kind === 'iam').map(permissionText)])].join(
    '; ',
  );
}

/** The safety gate's rules, in the order they judge. */
export function gateRulesTable(): string {
  return markdownTable(
    ['order', 'rule', 'judges', 'promise'],
    GATE_RULES.map((r, i) => [
      String(i + 1),
      `**${r.name}**`,
      r.appliesTo === 'all' ? 'every verb but fault removal' : 'destructive verbs',
      r.description,
    ]),
  );
}
