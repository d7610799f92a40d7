import type { Store } from '@simian/core';
import {
  historyFromStore,
  type HistoryOptions,
  type StoreHistory,
} from '../history/store-history.js';
import type { RuleInfo } from '../model/finding.js';
import type { Mute } from '../model/prepare.js';
import { buildComplianceReport, type ComplianceReport } from './compliance.js';

/** What {@link complianceFromStore} reads besides the store. */
export interface FromStoreOptions extends HistoryOptions {
  /** The rule catalogue; rules of monkeys that never recorded a scan are left out. */
  rules?: readonly RuleInfo[];
  mutes?: readonly Mute[];
  title?: string;
  /** @default new Date() */
  now?: Date;
}

/**
 * The compliance report of the current state, from the store alone (no target is touched): each
 * monkey's latest findings, compared with the baseline, trends, recovery times of the last 60
 * days. `report` is undefined when no monkey has recorded findings yet.
 */
export function complianceFromStore(
  store: Store,
  options: FromStoreOptions = {},
): { report: ComplianceReport | undefined; history: StoreHistory } {
  const rules = options.rules ?? [];
  const history = historyFromStore(store, rules, options);
  if (history.scans.length === 0) return { report: undefined, history };
  const monkeys = new Set(history.scans.map((s) => s.monkey));
  const now = options.now ?? new Date();
  const report = buildComplianceReport({
    source: 'store',
    findings: history.findings,
    rules: rules.filter((r) => !r.monkey || monkeys.has(r.monkey)),
    runs: [...new Set(history.scans.map((s) => s.runId))],
    history,
    recoveries: store.recoveries({
      since: new Date(now.getTime() - 60 * 86_400_000),
      limit: 100_000,
    }),
    now,
    ...(options.mutes ? { mutes: options.mutes } : {}),
    ...(options.framework ? { framework: options.framework } : {}),
    ...(options.title ? { title: options.title } : {}),
  });
  return { report, history };
}
