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
        r.summary ? JSON.stringify(r.summary) : '',
      ]),
    )
    .text();
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
