import type { RuleMetadata } from './rule-metadata.js';

/** What to list from one provider: kinds that are judged, and kinds rules only look up. */
export interface ProviderKinds {
  provider: string;
  /** Judged by the rules (`input.resources`). */
  judged: string[];
  /** Published to the rules as `data.inventory[kind]`; `listAs` is the provider's name for it. */
  related: Array<{ kind: string; listAs: string }>;
}

/** A monkey's say in what is listed, per provider (`kubernetes`, `aws`, ...). */
export interface KindSelection {
  /**
   * The kinds judged, per provider; replaces what the rules' METADATA names (`custom.kinds`) for
   * the providers it has a key for. @default the rules' kinds
   */
  judged?: Readonly<Record<string, readonly string[]>>;
  /** Kinds listed only for rules to look up, besides the rules' `inventory_kinds`. @default {} */
  related?: Readonly<Record<string, readonly string[]>>;
  /** Kinds the rules name that the provider lists under another name. @default {} */
  listAs?: Readonly<Record<string, string>>;
}

/** The fields of a rule that say what it reads. */
export type RuleReads = Pick<RuleMetadata, 'inventoryKinds' | 'kinds' | 'provider'> & {
  enabled?: boolean;
};

/**
 * What to list for a set of rules, per provider: the judged kinds (the selection's, or else the
 * kinds the enabled rules judge) and the related kinds (the enabled rules' `inventory_kinds` and
 * the selection's `related`, minus what is judged anyway), each under the name the provider lists
 * it by. A rule's provider comes from its METADATA (`custom.provider`), never from its path.
 * Providers come in the selection's order, then in the order the rules name them.
 */
export function kindsToList(
  selection: KindSelection,
  rules: readonly RuleReads[],
): ProviderKinds[] {
  const providers: string[] = [];
  const add = (p: string) => {
    if (!providers.includes(p)) providers.push(p);
  };
  Object.keys(selection.judged ?? {}).forEach(add);
  Object.keys(selection.related ?? {}).forEach(add);
  const ruleJudged = new Map<string, Set<string>>();
  const wanted = new Map<string, Set<string>>();
  const into = (map: Map<string, Set<string>>, provider: string) => {
    if (!map.has(provider)) map.set(provider, new Set());
    return map.get(provider)!;
  };
  for (const rule of rules) {
    const provider = providerOfRule(rule);
    if (rule.enabled === false || provider === undefined) continue;
    add(provider);
    for (const kind of rule.kinds) into(ruleJudged, provider).add(kind);
    for (const kind of rule.inventoryKinds) into(wanted, provider).add(kind);
  }
  return providers.map((provider) => {
    const configured = selection.judged?.[provider];
    const judged = [...new Set(configured ?? [...(ruleJudged.get(provider) ?? [])])];
    for (const kind of selection.related?.[provider] ?? []) into(wanted, provider).add(kind);
    const related = [...(wanted.get(provider) ?? [])]
      .filter((kind) => !judged.includes(kind))
      .sort()
      .map((kind) => ({ kind, listAs: selection.listAs?.[kind] ?? kind }));
    return { provider, judged, related };
  });
}

/** The provider a rule reads from, as its METADATA says (`custom.provider`); undefined when none. */
export function providerOfRule(rule: Pick<RuleMetadata, 'provider'>): string | undefined {
  return rule.provider;
}
