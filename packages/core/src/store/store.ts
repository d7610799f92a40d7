import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { SimianError } from '../errors.js';
import { findingId } from '../finding-id.js';
import type { Action, ActionStatus, Finding, RunResult, RunStatus } from '../types.js';
import { MIGRATIONS } from './migrations.js';

export interface LedgerEntry {
  seq: number;
  runId: string;
  actionId: string;
  monkey: string;
  verb: string;
  ref: string;
  group: string | null;
  reason: string;
  dryRun: boolean;
  reversible: boolean;
  deadline: string | null;
  status: ActionStatus | 'started';
  detail: Record<string, unknown> | null;
  startedAt: string;
  endedAt: string | null;
}

/** How long a group took to be whole again after one kill. */
export interface RecoveryRecord {
  runId: string;
  monkey: string;
  actionId: string;
  group: string;
  ref: string;
  verb: string;
  killedAt: string;
  recovered: boolean;
  recoverySeconds: number;
  timeoutSeconds: number;
  detail?: string;
}

/** One monkey's findings in one run, as recorded (see {@link Store.recordFindings}). */
export interface FindingScan {
  runId: string;
  monkey: string;
  /** When the findings were recorded (the run's start). */
  at: string;
  /** How many findings were recorded. */
  findings: number;
}

/** A recorded finding without its message and evidence. */
export interface FindingKey {
  runId: string;
  monkey: string;
  /** Its {@link findingId}. */
  id: string;
  ruleId: string;
  severity: Finding['severity'];
  ref: string;
  waived: boolean;
}

/** How many findings of one rule, severity and waived or not a scan recorded. */
export interface FindingCount {
  ruleId: string;
  severity: Finding['severity'];
  waived: boolean;
  count: number;
}

export interface RunRecord {
  id: string;
  kind: string;
  startedAt: string;
  endedAt: string | null;
  status: RunStatus | 'running';
  dryRun: boolean;
  monkeys: string[];
  summary: Record<string, unknown> | null;
  /** The daemon replica that held the leader lock and ran it; absent for one-off commands. */
  holder?: string;
}

/**
 * The SQLite store: runs, the action ledger, findings history and journals, in one file. WAL mode
 * and synchronous writes of ledger rows, so a killed process leaves a readable, truthful ledger.
 */
export class Store {
  readonly #db: Database.Database;
  readonly path: string;

  constructor(path: string) {
    this.path = path;
    try {
      if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
      this.#db = new Database(path);
      this.#db.pragma('journal_mode = WAL');
      this.#db.pragma('synchronous = FULL');
      this.#db.pragma('busy_timeout = 5000');
      this.#migrate();
    } catch (e) {
      throw new SimianError('STORE', `cannot open the store at ${path}: ${(e as Error).message}`, {
        hint: 'check store.path in simian.yaml and that its directory is writable',
        cause: e,
      });
    }
  }

  #migrate(): void {
    this.#db.exec(
      'CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)',
    );
    const applied = new Set(
      this.#db
        .prepare('SELECT version FROM schema_migrations')
        .all()
        .map((r) => (r as { version: number }).version),
    );
    for (const m of MIGRATIONS) {
      if (applied.has(m.version)) continue;
      this.#db.transaction(() => {
        this.#db.exec(m.sql);
        this.#db
          .prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)')
          .run(m.version, new Date().toISOString());
      })();
    }
  }

  /** Whether the store can still be read (not closed). */
  get open(): boolean {
    return this.#db.open;
  }

  schemaVersion(): number {
    const row = this.#db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as {
      v: number | null;
    };
    return row.v ?? 0;
  }

  startRun(run: {
    id: string;
    kind?: string;
    dryRun: boolean;
    monkeys: string[];
    startedAt: string;
    /** The leader lock's holder identity, when a daemon replica runs it. */
    holder?: string;
  }): void {
    this.#db
      .prepare(
        'INSERT INTO runs (id, kind, started_at, status, dry_run, monkeys, holder) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      .run(
        run.id,
        run.kind ?? 'run',
        run.startedAt,
        'running',
        run.dryRun ? 1 : 0,
        JSON.stringify(run.monkeys),
        run.holder ?? null,
      );
  }

  endRun(
    result: Pick<RunResult, 'runId' | 'status' | 'endedAt'> & { summary?: Record<string, unknown> },
  ): void {
    this.#db
      .prepare('UPDATE runs SET ended_at = ?, status = ?, summary = ? WHERE id = ?')
      .run(
        result.endedAt,
        result.status,
        result.summary ? JSON.stringify(result.summary) : null,
        result.runId,
      );
  }

  /** Written before the provider is called. Returns the ledger row's sequence number. */
  actionStarted(runId: string, action: Action, dryRun: boolean, at: string): number {
    const info = this.#db
      .prepare(
        `INSERT INTO actions (run_id, action_id, monkey, verb, ref, group_key, reason, dry_run, reversible, deadline, status, started_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'started', ?)`,
      )
      .run(
        runId,
        action.id,
        action.monkey,
        action.verb,
        action.resource.ref,
        action.group ?? null,
        action.reason,
        dryRun ? 1 : 0,
        action.reversible ? 1 : 0,
        action.deadline ?? null,
        at,
      );
    return Number(info.lastInsertRowid);
  }

  /** Written after the provider answered (or failed). */
  actionEnded(
    seq: number,
    status: ActionStatus,
    at: string,
    detail?: Record<string, unknown>,
  ): void {
    this.#db
      .prepare('UPDATE actions SET status = ?, ended_at = ?, detail = ? WHERE seq = ?')
      .run(status, at, detail ? JSON.stringify(detail) : null, seq);
  }

  ledger(filter: { runId?: string; status?: string; limit?: number } = {}): LedgerEntry[] {
    const where: string[] = [];
    const args: unknown[] = [];
    if (filter.runId) {
      where.push('run_id = ?');
      args.push(filter.runId);
    }
    if (filter.status) {
      where.push('status = ?');
      args.push(filter.status);
    }
    const sql = `SELECT * FROM actions ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT ?`;
    return this.#db
      .prepare(sql)
      .all(...args, filter.limit ?? 1000)
      .map((r) => toLedgerEntry(r as Record<string, unknown>));
  }

  /** When a real (not dry-run) action last succeeded on a group, for min time between actions. */
  lastActionOnGroup(group: string): Date | undefined {
    const row = this.#db
      .prepare(
        // An action that started and never ended, or was interrupted mid-call, may have happened.
        "SELECT MAX(started_at) AS at FROM actions WHERE group_key = ? AND dry_run = 0 AND status IN ('succeeded', 'started', 'interrupted')",
      )
      .get(group) as { at: string | null };
    return row.at ? new Date(row.at) : undefined;
  }

  /**
   * The end of the monkey's last finished `run`, for `run --once` catch-up. Plans and applies of
   * saved plans do not count: a `simian plan` must not use up the slot a CronJob is due to act in.
   */
  lastRunOf(monkey: string): Date | undefined {
    const row = this.#db
      .prepare(
        "SELECT MAX(ended_at) AS at FROM runs WHERE kind = 'run' AND status != 'running' AND EXISTS (SELECT 1 FROM json_each(runs.monkeys) WHERE value = ?)",
      )
      .get(monkey) as { at: string | null };
    return row.at ? new Date(row.at) : undefined;
  }

  recordRecovery(r: RecoveryRecord): void {
    this.#db
      .prepare(
        `INSERT INTO recoveries (run_id, monkey, action_id, group_key, ref, verb, killed_at, recovered, recovery_seconds, timeout_seconds, detail)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        r.runId,
        r.monkey,
        r.actionId,
        r.group,
        r.ref,
        r.verb,
        r.killedAt,
        r.recovered ? 1 : 0,
        r.recoverySeconds,
        r.timeoutSeconds,
        r.detail ?? null,
      );
  }

  /** Recoveries, newest first: per workload over time, the number no peer reports well. */
  recoveries(
    filter: { group?: string; monkey?: string; since?: Date; limit?: number } = {},
  ): RecoveryRecord[] {
    const where: string[] = [];
    const args: unknown[] = [];
    const add = (clause: string, value: unknown) => {
      where.push(clause);
      args.push(value);
    };
    if (filter.group) add('group_key = ?', filter.group);
    if (filter.monkey) add('monkey = ?', filter.monkey);
    if (filter.since) add('killed_at >= ?', filter.since.toISOString());
    const sql = `SELECT * FROM recoveries ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY killed_at DESC LIMIT ?`;
    return this.#db
      .prepare(sql)
      .all(...args, filter.limit ?? 1000)
      .map((row) => {
        const r = row as Record<string, unknown>;
        return {
          runId: r.run_id as string,
          monkey: r.monkey as string,
          actionId: r.action_id as string,
          group: r.group_key as string,
          ref: r.ref as string,
          verb: r.verb as string,
          killedAt: r.killed_at as string,
          recovered: r.recovered === 1,
          recoverySeconds: r.recovery_seconds as number,
          timeoutSeconds: r.timeout_seconds as number,
          ...(r.detail ? { detail: r.detail as string } : {}),
        };
      });
  }

  /** Adds facts learned after an action finished (recovery time) to its ledger row. */
  addLedgerDetail(runId: string, actionId: string, detail: Record<string, unknown>): void {
    const row = this.#db
      .prepare(
        'SELECT seq, detail FROM actions WHERE run_id = ? AND action_id = ? ORDER BY seq DESC LIMIT 1',
      )
      .get(runId, actionId) as { seq: number; detail: string | null } | undefined;
    if (!row) return;
    const merged = {
      ...(row.detail ? (JSON.parse(row.detail) as Record<string, unknown>) : {}),
      ...detail,
    };
    this.#db
      .prepare('UPDATE actions SET detail = ? WHERE seq = ?')
      .run(JSON.stringify(merged), row.seq);
  }

  /**
   * Records what `monkey` found in a run (its gated findings), with each finding's id and whole
   * body. With `monkey`, an empty list is recorded too: "found nothing" is a result. Several calls
   * for one monkey and run add up.
   */
  recordFindings(runId: string, findings: Finding[], at: string, monkey?: string): void {
    const insert = this.#db.prepare(
      'INSERT INTO findings (run_id, monkey, rule_id, severity, ref, message, waived, at, finding_id, body) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const scan = this.#db.prepare(
      `INSERT INTO finding_scans (run_id, monkey, at, findings) VALUES (?, ?, ?, ?)
       ON CONFLICT (run_id, monkey) DO UPDATE SET findings = findings + excluded.findings`,
    );
    const recount = this.#db.prepare(
      `UPDATE finding_scans SET counts = (SELECT json_group_array(json_array(rule_id, severity, waived, n))
         FROM (${COUNTS_SQL})) WHERE run_id = ? AND monkey = ?`,
    );
    this.#db.transaction(() => {
      const perMonkey = new Map<string, number>(monkey === undefined ? [] : [[monkey, 0]]);
      for (const f of findings) {
        perMonkey.set(f.monkey, (perMonkey.get(f.monkey) ?? 0) + 1);
        insert.run(
          runId,
          f.monkey,
          f.ruleId,
          f.severity,
          f.resource.ref,
          f.message,
          f.waiver ? 1 : 0,
          at,
          findingId(f),
          JSON.stringify(f),
        );
      }
      for (const [m, count] of perMonkey) {
        scan.run(runId, m, at, count);
        // Counted again from the rows: several calls for one scan add up.
        recount.run(runId, m, runId, m);
      }
    })();
  }

  /**
   * The scans (one monkey's findings in one run) recorded so far, oldest first: every one, or
   * those between `since` and `until` (ISO times, both included), or of some monkeys.
   */
  findingScans(
    filter: { since?: string; until?: string; monkeys?: readonly string[] } = {},
  ): FindingScan[] {
    const where: string[] = [];
    const args: unknown[] = [];
    if (filter.since) {
      where.push('at >= ?');
      args.push(filter.since);
    }
    if (filter.until) {
      where.push('at <= ?');
      args.push(filter.until);
    }
    if (filter.monkeys) {
      where.push(`monkey IN (${filter.monkeys.map(() => '?').join(', ') || "''"})`);
      args.push(...filter.monkeys);
    }
    return this.#db
      .prepare(
        `SELECT run_id AS runId, monkey, at, findings FROM finding_scans ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY at, run_id, monkey`,
      )
      .all(...args) as FindingScan[];
  }

  /** The findings one monkey recorded in one run, as they were recorded. */
  scanFindings(runId: string, monkey: string): Finding[] {
    return this.scanFindingsWithIds(runId, monkey).map((r) => r.finding);
  }

  /**
   * {@link scanFindings} with the id each finding was recorded under (no hashing again); with
   * `only`, just the findings of those ids (the others are not even parsed).
   */
  scanFindingsWithIds(
    runId: string,
    monkey: string,
    only?: ReadonlySet<string>,
  ): Array<{ id: string; finding: Finding }> {
    // Raw rows (arrays) in a fixed column order: tens of thousands of rows make objects costly.
    // The columns besides the id and the body are read only for rows recorded before those were
    // kept (NULL otherwise): turning each into a string would double what is read.
    const legacy = (column: string, unless = 'body IS NULL') =>
      `CASE WHEN ${unless} THEN ${column} END`;
    const idOrBodyMissing = 'finding_id IS NULL OR body IS NULL';
    const columns = [
      'finding_id',
      'body',
      legacy('rule_id', idOrBodyMissing),
      legacy('severity'),
      legacy('monkey'),
      legacy('ref', idOrBodyMissing),
      legacy('message'),
      legacy('waived'),
    ].join(', ');
    // With `only` (usually a few ids), SQLite picks the rows: the others are not even read.
    const rows = (
      only
        ? this.#db
            .prepare(
              `SELECT ${columns} FROM findings WHERE run_id = ? AND monkey = ? AND (finding_id IS NULL OR finding_id IN (SELECT value FROM json_each(?))) ORDER BY seq`,
            )
            .raw(true)
            .all(runId, monkey, JSON.stringify([...only]))
        : this.#db
            .prepare(`SELECT ${columns} FROM findings WHERE run_id = ? AND monkey = ? ORDER BY seq`)
            .raw(true)
            .all(runId, monkey)
    ) as FindingRow[];
    const out: Array<{ id: string; finding: Finding }> = [];
    for (const row of rows) {
      const id = row[0] ?? legacyId(row);
      if (only && !only.has(id)) continue;
      out.push({ id, finding: findingOfRow(row) });
    }
    return out;
  }

  /**
   * The light rows of the scans' findings (no message, no evidence): enough to count, compare
   * and score past runs quickly.
   */
  scanFindingKeys(scans: ReadonlyArray<Pick<FindingScan, 'runId' | 'monkey'>>): FindingKey[] {
    const select = this.#db
      .prepare(
        'SELECT finding_id, NULL, rule_id, severity, monkey, ref, NULL, waived FROM findings WHERE run_id = ? AND monkey = ?',
      )
      .raw(true);
    const out: FindingKey[] = [];
    for (const scan of scans) {
      for (const row of select.all(scan.runId, scan.monkey) as FindingRow[]) {
        out.push({
          runId: scan.runId,
          monkey: scan.monkey,
          id: row[0] ?? legacyId(row),
          ruleId: row[2],
          severity: row[3],
          ref: row[5],
          waived: row[7] === 1,
        });
      }
    }
    return out;
  }

  /** The ids of the findings one monkey recorded in one run, in no set order (one per row: an id may repeat). */
  scanFindingIds(runId: string, monkey: string): string[] {
    const rows = this.#db
      .prepare(
        'SELECT finding_id, NULL, CASE WHEN finding_id IS NULL THEN rule_id END, NULL, NULL, CASE WHEN finding_id IS NULL THEN ref END, NULL, NULL FROM findings WHERE run_id = ? AND monkey = ?',
      )
      .raw(true)
      .all(runId, monkey) as FindingRow[];
    return rows.map((row) => row[0] ?? legacyId(row));
  }

  /**
   * The ids of `scan`'s findings that `other` does not have, each once: the new findings of a scan
   * against its baseline, or the gone ones the other way round. SQLite compares the two scans on
   * the findings_scan index; rows recorded before ids were kept are compared here, by their ids.
   */
  findingIdsNotIn(
    scan: Pick<FindingScan, 'runId' | 'monkey'>,
    other: Pick<FindingScan, 'runId' | 'monkey'>,
  ): string[] {
    if (this.#hasRowsWithoutIds(scan) || this.#hasRowsWithoutIds(other)) {
      const others = new Set(this.scanFindingIds(other.runId, other.monkey));
      return [...new Set(this.scanFindingIds(scan.runId, scan.monkey))].filter(
        (id) => !others.has(id),
      );
    }
    return this.#db
      .prepare(
        `SELECT DISTINCT finding_id FROM findings AS s WHERE run_id = ? AND monkey = ?
         AND NOT EXISTS (SELECT 1 FROM findings AS o WHERE o.run_id = ? AND o.monkey = ? AND o.finding_id = s.finding_id)`,
      )
      .pluck()
      .all(scan.runId, scan.monkey, other.runId, other.monkey) as string[];
  }

  #hasRowsWithoutIds(scan: Pick<FindingScan, 'runId' | 'monkey'>): boolean {
    return (
      this.#db
        .prepare(
          'SELECT EXISTS (SELECT 1 FROM findings WHERE run_id = ? AND monkey = ? AND finding_id IS NULL)',
        )
        .pluck()
        .get(scan.runId, scan.monkey) === 1
    );
  }

  /**
   * How many findings one monkey recorded in one run, per rule, severity and waived or not:
   * counted when they were recorded, so a past scan is scored without reading its rows.
   */
  scanFindingCounts(runId: string, monkey: string): FindingCount[] {
    // Rows recorded before scans were (no scan row) are counted now.
    const stored = this.#db
      .prepare('SELECT counts FROM finding_scans WHERE run_id = ? AND monkey = ?')
      .pluck()
      .get(runId, monkey) as string | null | undefined;
    const rows =
      typeof stored === 'string'
        ? (JSON.parse(stored) as CountRow[])
        : (this.#db.prepare(COUNTS_SQL).raw(true).all(runId, monkey) as CountRow[]);
    return rows.map(([ruleId, severity, waived, count]) => ({
      ruleId,
      severity,
      waived: waived === 1,
      count,
    }));
  }

  /** When each finding id was first and last recorded, over the whole history kept. */
  findingsSeen(): Map<string, { first: string; last: string }> {
    const rows = this.#db
      .prepare(
        'SELECT finding_id, MIN(at), MAX(at) FROM findings WHERE finding_id IS NOT NULL GROUP BY finding_id',
      )
      .raw(true)
      .all() as Array<[string, string, string]>;
    const seen = new Map<string, { first: string; last: string }>();
    for (const [id, first, last] of rows) seen.set(id, { first, last });
    return seen;
  }

  /** Findings per rule per day, for trends. */
  findingTrend(days: number): Array<{ day: string; ruleId: string; count: number }> {
    return this.#db
      .prepare(
        `SELECT substr(at, 1, 10) AS day, rule_id AS ruleId, COUNT(*) AS count FROM findings
         WHERE at >= ? GROUP BY day, rule_id ORDER BY day`,
      )
      .all(new Date(Date.now() - days * 86_400_000).toISOString()) as Array<{
      day: string;
      ruleId: string;
      count: number;
    }>;
  }

  saveJournal(journal: {
    id: string;
    runId?: string;
    kind: string;
    title?: string;
    status?: string;
    startedAt: string;
    body: unknown;
  }): void {
    this.#db
      .prepare(
        'INSERT OR REPLACE INTO journals (id, run_id, kind, title, status, started_at, body) VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      .run(
        journal.id,
        journal.runId ?? null,
        journal.kind,
        journal.title ?? null,
        journal.status ?? null,
        journal.startedAt,
        JSON.stringify(journal.body),
      );
  }

  journal(id: string): unknown {
    const row = this.#db.prepare('SELECT body FROM journals WHERE id = ?').get(id) as
      { body: string } | undefined;
    return row ? JSON.parse(row.body) : undefined;
  }

  runs(limit = 20): RunRecord[] {
    return this.#db
      .prepare('SELECT * FROM runs ORDER BY started_at DESC LIMIT ?')
      .all(limit)
      .map((r) => {
        const row = r as Record<string, unknown>;
        return {
          id: row.id as string,
          kind: row.kind as string,
          startedAt: row.started_at as string,
          endedAt: (row.ended_at as string | null) ?? null,
          status: row.status as RunRecord['status'],
          dryRun: row.dry_run === 1,
          monkeys: JSON.parse(row.monkeys as string) as string[],
          summary: row.summary
            ? (JSON.parse(row.summary as string) as Record<string, unknown>)
            : null,
          ...(typeof row.holder === 'string' ? { holder: row.holder } : {}),
        };
      });
  }

  /**
   * Deletes history older than `retentionMs`, so the file does not grow without bound. Ledger
   * rows still 'started' are kept whatever their age: they mark actions nobody saw finish.
   */
  prune(
    retentionMs: number,
    now = new Date(),
  ): { runs: number; actions: number; findings: number; scans: number } {
    const cutoff = new Date(now.getTime() - retentionMs).toISOString();
    return this.#db.transaction(() => ({
      actions: this.#db
        .prepare("DELETE FROM actions WHERE started_at < ? AND status != 'started'")
        .run(cutoff).changes,
      findings: this.#db.prepare('DELETE FROM findings WHERE at < ?').run(cutoff).changes,
      scans: this.#db.prepare('DELETE FROM finding_scans WHERE at < ?').run(cutoff).changes,
      recoveries: this.#db.prepare('DELETE FROM recoveries WHERE killed_at < ?').run(cutoff)
        .changes,
      runs: this.#db
        .prepare(
          "DELETE FROM runs WHERE started_at < ? AND status != 'running' AND id NOT IN (SELECT run_id FROM actions)",
        )
        .run(cutoff).changes,
    }))();
  }

  close(): void {
    this.#db.close();
  }
}

function toLedgerEntry(row: Record<string, unknown>): LedgerEntry {
  return {
    seq: row.seq as number,
    runId: row.run_id as string,
    actionId: row.action_id as string,
    monkey: row.monkey as string,
    verb: row.verb as string,
    ref: row.ref as string,
    group: (row.group_key as string | null) ?? null,
    reason: row.reason as string,
    dryRun: row.dry_run === 1,
    reversible: row.reversible === 1,
    deadline: (row.deadline as string | null) ?? null,
    status: row.status as LedgerEntry['status'],
    detail: row.detail ? (JSON.parse(row.detail as string) as Record<string, unknown>) : null,
    startedAt: row.started_at as string,
    endedAt: (row.ended_at as string | null) ?? null,
  };
}

/** A scan's findings counted per rule, severity and waived or not (parameters: run id, monkey). */
const COUNTS_SQL =
  'SELECT rule_id, severity, waived, COUNT(*) AS n FROM findings WHERE run_id = ? AND monkey = ? GROUP BY rule_id, severity, waived';

/** One row of {@link COUNTS_SQL}: rule id, severity, waived (1 or 0), count. */
type CountRow = [string, Finding['severity'], number, number];

/**
 * A finding row as read raw: finding_id, body, rule_id, severity, monkey, ref, message, waived
 * (rows recorded before ids and bodies were kept have null in the first two).
 */
type FindingRow = [
  string | null,
  string | null,
  string,
  Finding['severity'],
  string,
  string,
  string | null,
  number,
];

/** A finding row as recorded: its body, or (for rows recorded before bodies were kept) its columns. */
function findingOfRow(row: FindingRow): Finding {
  if (typeof row[1] === 'string') return JSON.parse(row[1]) as Finding;
  const ref = row[5];
  return {
    ruleId: row[2],
    severity: row[3],
    monkey: row[4],
    resource: { ref, kind: 'unknown', name: ref, provider: 'unknown' },
    // As recorded (the column is NOT NULL; only the light key rows leave it out).
    message: row[6] as string,
    ...(row[7] === 1 ? { waiver: { by: 'config' as const } } : {}),
  };
}

/** The id of a row recorded before ids were kept: what it would be with an unknown provider. */
function legacyId(row: FindingRow): string {
  const ref = row[5];
  return findingId({
    ruleId: row[2],
    resource: { ref, kind: 'unknown', name: ref, provider: 'unknown' },
  });
}
