import type { Finding } from '@simian/core';
import { PROBE_RULES, type ProbeRuleId } from './probe-rules.js';
import { endpointResource, type ProbeTarget } from './target.js';

/** A finding of an active probe: what answered where, and how. Never a secret. */
export interface ProbeFinding extends Finding {
  title: string;
}

/** The monkey probe findings are attributed to. */
export const PROBE_MONKEY = 'security';

/** A finding of `rule` on `target`, with the endpoint and address in its evidence. */
export function probeFinding(
  rule: ProbeRuleId,
  target: ProbeTarget,
  address: string,
  message: string,
  evidence: Record<string, unknown> = {},
): ProbeFinding {
  const meta = PROBE_RULES[rule];
  return {
    ruleId: rule,
    title: meta.title,
    severity: meta.severity,
    monkey: PROBE_MONKEY,
    resource: target.resource ?? endpointResource(target),
    message: `${target.url}: ${message}`,
    evidence: { endpoint: target.url, address, ...evidence },
  };
}
