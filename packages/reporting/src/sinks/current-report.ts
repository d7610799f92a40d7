import type { RunResult } from '@simian/core';
import { complianceOfRun, type ComplianceReport } from '../data/compliance.js';
import { complianceFromStore } from '../data/from-store.js';
import type { LiveContext } from '../reporter.js';

/**
 * The report a sink delivers after a run: the current state of every monkey from the store (the
 * run's findings are recorded by then), with history, recoveries and the rule catalogue; or, with
 * no store, the run's own findings. Mutes are applied here, once.
 */
export function currentReport(result: RunResult, context: LiveContext): ComplianceReport {
  const rules = context.rules?.();
  const store = context.store?.();
  const fromStore = store
    ? complianceFromStore(store, {
        ...(rules ? { rules } : {}),
        ...(context.mutes ? { mutes: context.mutes } : {}),
      }).report
    : undefined;
  return (
    fromStore ??
    complianceOfRun(result, {
      ...(rules ? { rules } : {}),
      ...(context.mutes ? { mutes: context.mutes } : {}),
    })
  );
}
