import type { Monkey } from '@simian/core';
import { applyJanitor } from './apply-janitor.js';
import { enabledRules } from './assess.js';
import { janitorConfigSchema, type JanitorConfig } from './config.js';
import { JANITOR_MONKEY_NAME } from './name.js';
import { planJanitor } from './plan-janitor.js';
import { recheckJanitor } from './recheck.js';
import { removalVerbs } from './removal.js';
import { JANITOR_RULES } from './rules/index.js';

const unique = (xs: string[]) => [...new Set(xs)];

/** What rules read and may do: list their kinds; mark, unmark and remove what they judge. */
function permissionsOf(
  rules: ReadonlyArray<{ provider: string; kinds: readonly string[]; reads: readonly string[] }>,
) {
  return {
    reads: unique(rules.flatMap((r) => r.reads.map((k) => `${r.provider}:${k}`))),
    verbs: unique(
      rules.flatMap((r) =>
        r.kinds.flatMap((k) => [
          `${r.provider}:mark:${k}`,
          `${r.provider}:unmark:${k}`,
          ...removalVerbs(r.provider, k),
        ]),
      ),
    ),
  };
}

const everything = permissionsOf(JANITOR_RULES);

/**
 * The janitor monkey: finds unused Kubernetes and AWS resources by its rules, marks them (the
 * owner is told), waits the grace period, re-checks, and removes them, with a reversible step first
 * where the kind has one; a resource used again, opted out or waived is unmarked. Destructive, so
 * it runs in dry-run until the config says `dryRun: false`.
 */
export const janitorMonkey: Monkey<typeof janitorConfigSchema> = {
  name: JANITOR_MONKEY_NAME,
  description:
    'Finds unused Kubernetes and AWS resources, marks them and tells the owner, waits a grace period, then removes them (a reversible step first where one exists).',
  destructive: true,
  configSchema: janitorConfigSchema,
  reads: everything.reads,
  verbs: everything.verbs,
  // Like Cloud Custodian's get_permissions(): only the kinds and verbs of the rules turned on.
  permissionsFor(config) {
    const rules = enabledRules(config as unknown as JanitorConfig, process.cwd()).map((e) => ({
      provider: e.rule.provider,
      kinds: e.kinds,
      reads: e.reads,
    }));
    return permissionsOf(rules);
  },
  plan: (ctx) => planJanitor(ctx as never),
  recheck: (ctx, action, fresh) => recheckJanitor(ctx as never, action, fresh),
  apply: (ctx, gated) => applyJanitor(ctx as never, gated),
};
