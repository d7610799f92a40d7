import type { LedgerEntry, RecoveryRecord, RunRecord } from '@simian/core';
import { Lines } from './columns.js';

/** `simian history`: past runs, newest first. */
export function runsForPeople(runs: RunRecord[]): string {
  if (runs.length === 0) return new Lines().add('no runs yet').text();
  return new Lines()
    .table(
      ['run', 'kind', 'started', 'status', 'dry-run', 'monkeys', 'summary'],
      runs.map((r) => [
        r.id,
        r.kind,
        r.startedAt,
        r.status,
        r.dryRun ? 'yes' : 'no',
        r.monkeys.join(','),
        r.summary ? summaryForPeople(r.summary) : '',
      ]),
    )
    .text();
}

/** What went wrong first, then what happened: `failed=2 succeeded=1 findings=3`, zeros left out. */
const SUMMARY_ORDER = [
  'failed',
  'incomplete',
  'succeeded',
  'dryRun',
  'skipped',
  'dropped',
  'allowed',
];

/** A run's summary in a few words, so the table's cut never hides "failed". */
export function summaryForPeople(summary: Record<string, unknown>): string {
  const rank = (k: string) => {
    const i = SUMMARY_ORDER.indexOf(k);
    return i < 0 ? SUMMARY_ORDER.length : i;
  };
  return Object.entries(summary)
    .filter(([, v]) => v !== 0 && v !== null && v !== undefined && v !== false)
    .sort(([a], [b]) => rank(a) - rank(b))
    .map(
      ([k, v]) =>
        `${k === 'dryRun' ? 'dry-run' : k}=${typeof v === 'object' ? JSON.stringify(v) : String(v)}`,
    )
    .join(' ');
}

/** `simian history --run ID` and `--unfinished`: rows of the action ledger. */
export function ledgerForPeople(rows: LedgerEntry[]): string {
  return new Lines()
    .table(
      ['started', 'status', 'monkey', 'verb', 'resource', 'dry-run', 'detail'],
      rows.map((r) => [
        r.startedAt,
        r.status,
        r.monkey,
        r.verb,
        r.ref,
        r.dryRun ? 'yes' : 'no',
        r.detail ? JSON.stringify(r.detail) : '',
      ]),
    )
    .text();
}

/** `simian history --recoveries`. */
export function recoveriesForPeople(rows: RecoveryRecord[]): string {
  return new Lines()
    .table(
      ['killed at', 'group', 'resource', 'recovered', 'seconds', 'timeout'],
      rows.map((r) => [
        r.killedAt,
        r.group,
        r.ref,
        r.recovered ? 'yes' : 'NO',
        r.recoverySeconds.toFixed(1),
        String(r.timeoutSeconds),
      ]),
    )
    .text();
}
