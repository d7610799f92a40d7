import type { Finding, PlanContext, Resource, Severity } from '@simian/core';
import type { LatencyConfig } from './config.js';

/** The monkey's name, as registered and as written under `monkeys:` in simian.yaml. */
export const LATENCY_MONKEY_NAME = 'latency';

/** The plan context the latency monkey gets. */
export type LatencyPlanContext = PlanContext<LatencyConfig>;

/** Service annotations the latency monkey reads. */
export const PROBE_URL_ANNOTATION = 'latency.simian.dev/probe-url';

/** A finding of the latency monkey about one service (or the fault on it). */
export function latencyFinding(
  ruleId: string,
  severity: Severity,
  resource: Resource,
  message: string,
  group: string,
  evidence?: Record<string, unknown>,
): Finding {
  return {
    ruleId,
    severity,
    monkey: LATENCY_MONKEY_NAME,
    resource: {
      ref: resource.ref,
      kind: resource.kind,
      name: resource.name,
      provider: resource.provider,
      ...(resource.namespace ? { namespace: resource.namespace } : {}),
      ...(resource.context ? { context: resource.context } : {}),
    },
    message,
    group,
    ...(evidence ? { evidence } : {}),
  };
}

/** Names a list in a note, at most `max` of them. */
export function listSome(items: string[], max = 10): string {
  if (items.length <= max) return items.join(', ');
  return `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}
