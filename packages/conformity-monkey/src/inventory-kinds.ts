import { type ProviderKinds, type RuleReads, kindsToList as kindsForRules } from '@simian/policy';
import type { ConformityConfig } from './config.js';

export { providerOfRule, type ProviderKinds } from '@simian/policy';

/**
 * The kinds the conformity monkey lists, worked out by @simian/policy's `kindsToList`: judged
 * kinds come from the config (they make up stacks, so rule METADATA does not decide them), related
 * kinds from the `inventory_kinds` of the enabled rules, listed from the provider their METADATA
 * names, plus `kinds.related`.
 */
export function kindsToList(
  config: Pick<ConformityConfig, 'kinds'>,
  rules: readonly RuleReads[],
): ProviderKinds[] {
  return kindsForRules(
    {
      judged: { kubernetes: config.kinds.kubernetes, aws: config.kinds.aws },
      related: config.kinds.related,
      listAs: config.kinds.listAs,
    },
    rules,
  );
}
