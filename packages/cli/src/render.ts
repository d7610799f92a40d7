import type { RunResult } from '@simian/core';
import { printLine, printTable } from './output.js';

/** Prints a run (or plan) for people: findings, actions let through, actions dropped and why. */
export function renderRun(result: RunResult, mode: 'plan' | 'run' | 'apply'): void {
  for (const m of result.monkeys) {
    printLine(`\n== ${m.monkey} ${m.gated.dryRun ? '(dry-run)' : '(acting)'}`);
    for (const note of m.gated.notes ?? []) printLine(`   note: ${note}`);
    if (m.error) printLine(`   error: ${m.error}`);
    if (m.gated.findings.length > 0) {
      printLine(`\nfindings (${m.gated.findings.length})`);
      printTable(
        ['severity', 'rule', 'resource', 'message'],
        m.gated.findings.map((f) => [
          f.waiver ? `${f.severity} (waived)` : f.severity,
          f.ruleId,
          f.resource.ref,
          f.message,
        ]),
      );
    }
    printLine(`\n${mode === 'plan' ? 'would act on' : 'actions'} (${m.gated.allowed.length})`);
    if (mode === 'plan') {
      printTable(
        ['verb', 'resource', 'group', 'reason'],
        m.gated.allowed.map((a) => [a.verb, a.resource.ref, a.group ?? '', a.reason]),
      );
    } else {
      printTable(
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
      printLine(`\nheld back by the safety gate (${m.gated.dropped.length})`);
      printTable(
        ['rule', 'verb', 'resource', 'why'],
        m.gated.dropped.map((d) => [d.rule, d.action.verb, d.action.resource.ref, d.reason]),
      );
    }
  }
  for (const i of result.incomplete) printLine(`\nincomplete listing: ${i.key}: ${i.reason}`);
  printLine(
    `\nrun ${result.runId}: ${result.status}${result.dryRun ? ' (dry-run: nothing was changed)' : ''}`,
  );
}

function summarizeOutput(output: Record<string, unknown> | undefined): string {
  if (!output) return '';
  return Object.entries(output)
    .map(([k, v]) => `${k}=${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
    .join(' ');
}
