import type { RuleMetadata } from '@simian/policy';
import type { ConformityConfig } from './config.js';

/** What to list from one provider: kinds that are judged, and kinds rules only look up. */
export interface ProviderKinds {
  provider: 'kubernetes' | 'aws';
  /** Judged by the rules, grouped into stacks, marked and torn down. */
  judged: string[];
  /** Published to the rules as `data.inventory[kind]`; `listAs` is the provider's name for it. */
  related: Array<{ kind: string; listAs: string }>;
}

/**
 * The kinds the conformity monkey lists. Judged kinds come from the config (rule METADATA says
 * which kinds a rule looks up, not which it judges). Related kinds come from the `inventory_kinds`
 * of the enabled rules, attributed to AWS when the rule's entrypoint has an `aws` segment
 * (`simian/aws/tagging/violations`) and to Kubernetes otherwise, plus `kinds.related`.
 */
export function kindsToList(
  config: Pick<ConformityConfig, 'kinds'>,
  rules: ReadonlyArray<Pick<RuleMetadata, 'inventoryKinds' | 'entrypoint'> & { enabled?: boolean }>,
): ProviderKinds[] {
  const wanted = {
    kubernetes: new Set(config.kinds.related.kubernetes),
    aws: new Set(config.kinds.related.aws),
  };
  for (const rule of rules) {
    if (rule.enabled === false) continue;
    for (const kind of rule.inventoryKinds) wanted[providerOfRule(rule.entrypoint)].add(kind);
  }
  return (['kubernetes', 'aws'] as const).map((provider) => {
    const judged = [...new Set(config.kinds[provider])];
    const related = [...wanted[provider]]
      .filter((kind) => !judged.includes(kind))
      .sort()
      .map((kind) => ({ kind, listAs: config.kinds.listAs[kind] ?? kind }));
    return { provider, judged, related };
  });
}

/** Which provider a rule is written for, from its entrypoint's path. */
export function providerOfRule(entrypoint: string): 'kubernetes' | 'aws' {
  return entrypoint.split('/').includes('aws') ? 'aws' : 'kubernetes';
}
