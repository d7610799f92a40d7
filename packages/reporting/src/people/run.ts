import type { RunResult } from '@simian/core';
import { Lines } from './columns.js';

/** A run (or plan) for people: findings, actions let through, actions held back and why. */
export function runForPeople(result: RunResult, mode: 'plan' | 'run' | 'apply'): string {
  const out = new Lines();
  for (const m of result.monkeys) {
    out.add(`\n== ${m.monkey} ${m.gated.dryRun ? '(dry-run)' : '(acting)'}`);
    for (const note of m.gated.notes ?? []) out.add(`   note: ${note}`);
    if (m.error) out.add(`   error: ${m.error}`);
    if (m.gated.findings.length > 0) {
      out.add(`\nfindings (${m.gated.findings.length})`);
      out.table(
        ['severity', 'rule', 'resource', 'message'],
        m.gated.findings.map((f) => [
          f.waiver ? `${f.severity} (waived)` : f.severity,
          f.ruleId,
          f.resource.ref,
          f.message,
        ]),
      );
    }
    out.add(`\n${mode === 'plan' ? 'would act on' : 'actions'} (${m.gated.allowed.length})`);
    if (mode === 'plan') {
      out.table(
        ['verb', 'resource', 'group', 'reason'],
        m.gated.allowed.map((a) => [a.verb, a.resource.ref, a.group ?? '', a.reason]),
      );
    } else {
      out.table(
        ['status', 'verb', 'resource', 'detail'],
        m.outcomes.map((o) => [
          o.status,
          o.action.verb,
          o.action.resource.ref,
          o.reason ?? summarizeOutput(o.output),
        ]),
      );
    }
    if (m.gated.dropped.length > 0) {
      out.add(`\nheld back by the safety gate (${m.gated.dropped.length})`);
      out.table(
        ['rule', 'verb', 'resource', 'why'],
        m.gated.dropped.map((d) => [d.rule, d.action.verb, d.action.resource.ref, d.reason]),
      );
    }
  }
  for (const i of result.incomplete) out.add(`\nincomplete listing: ${i.key}: ${i.reason}`);
  out.add(
    `\nrun ${result.runId}: ${result.status}${result.dryRun ? ' (dry-run: nothing was changed)' : ''}`,
  );
  return out.text();
}

function summarizeOutput(output: Record<string, unknown> | undefined): string {
  if (!output) return '';
  return Object.entries(output)
    .map(([k, v]) => `${k}=${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
    .join(' ');
}
