/**
 * Schema migrations, applied in order and recorded in `schema_migrations`. Append only: a released
 * migration is never edited, so every store file can be brought forward.
 */
export const MIGRATIONS: Array<{ version: number; sql: string }> = [
  {
    version: 1,
    sql: `
      CREATE TABLE runs (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL DEFAULT 'run',
        started_at TEXT NOT NULL,
        ended_at TEXT,
        status TEXT NOT NULL,
        dry_run INTEGER NOT NULL,
        monkeys TEXT NOT NULL,
        summary TEXT
      );
      CREATE INDEX runs_started ON runs(started_at);

      -- The action ledger: a row is written before the provider is called and updated after, so a
      -- process killed in between leaves 'started' rows that say exactly what may have happened.
      CREATE TABLE actions (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        run_id TEXT NOT NULL,
        action_id TEXT NOT NULL,
        monkey TEXT NOT NULL,
        verb TEXT NOT NULL,
        ref TEXT NOT NULL,
        group_key TEXT,
        reason TEXT NOT NULL,
        dry_run INTEGER NOT NULL,
        reversible INTEGER NOT NULL,
        deadline TEXT,
        status TEXT NOT NULL,
        detail TEXT,
        started_at TEXT NOT NULL,
        ended_at TEXT
      );
      CREATE INDEX actions_run ON actions(run_id);
      CREATE INDEX actions_group ON actions(group_key, started_at);
      CREATE INDEX actions_status ON actions(status);

      CREATE TABLE findings (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        run_id TEXT NOT NULL,
        monkey TEXT NOT NULL,
        rule_id TEXT NOT NULL,
        severity TEXT NOT NULL,
        ref TEXT NOT NULL,
        message TEXT NOT NULL,
        waived INTEGER NOT NULL,
        at TEXT NOT NULL
      );
      CREATE INDEX findings_run ON findings(run_id);
      CREATE INDEX findings_rule_at ON findings(rule_id, at);

      CREATE TABLE journals (
        id TEXT PRIMARY KEY,
        run_id TEXT,
        kind TEXT NOT NULL,
        title TEXT,
        status TEXT,
        started_at TEXT NOT NULL,
        body TEXT NOT NULL
      );
      CREATE INDEX journals_started ON journals(started_at);
    `,
  },
  {
    version: 2,
    sql: `
      -- Recovery after each kill: how long a group took to be whole again, per workload over time.
      CREATE TABLE recoveries (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        run_id TEXT NOT NULL,
        monkey TEXT NOT NULL,
        action_id TEXT NOT NULL,
        group_key TEXT NOT NULL,
        ref TEXT NOT NULL,
        verb TEXT NOT NULL,
        killed_at TEXT NOT NULL,
        recovered INTEGER NOT NULL,
        recovery_seconds REAL NOT NULL,
        timeout_seconds REAL NOT NULL,
        detail TEXT
      );
      CREATE INDEX recoveries_group ON recoveries(group_key, killed_at);
    `,
  },
  {
    version: 3,
    sql: `
      -- The finding model of @simian/reporting: a stable id per finding (rule, resource, scope) for
      -- history, and the whole finding as JSON, so reports render from the store alone.
      ALTER TABLE findings ADD COLUMN finding_id TEXT;
      ALTER TABLE findings ADD COLUMN body TEXT;
      CREATE INDEX findings_id ON findings(finding_id, at);
      -- One row per monkey that planned in a run, even with no findings: "nothing found" is known,
      -- and a monkey that did not run (not due) says nothing about its findings.
      CREATE TABLE finding_scans (
        run_id TEXT NOT NULL,
        monkey TEXT NOT NULL,
        at TEXT NOT NULL,
        findings INTEGER NOT NULL,
        PRIMARY KEY (run_id, monkey)
      );
      CREATE INDEX finding_scans_monkey_at ON finding_scans(monkey, at);
    `,
  },
  {
    version: 4,
    sql: `
      -- Who ran it: the daemon replica that held the leader lock (a Lease's holderIdentity), so a
      -- handover between replicas can be read from the store. NULL for one-off commands and for
      -- runs recorded before this column existed.
      ALTER TABLE runs ADD COLUMN holder TEXT;
    `,
  },
  {
    version: 5,
    sql: `
      -- Each scan's finding ids in order, so SQLite compares two scans (which findings are new,
      -- which are gone) from the index alone, without reading their rows. findings_run stays:
      -- it reads a scan's rows in the order they were recorded without sorting them.
      CREATE INDEX findings_scan ON findings(run_id, monkey, finding_id);
    `,
  },
  {
    version: 6,
    sql: `
      -- Each scan's findings counted per rule, severity and waived or not, as a JSON array of
      -- [rule_id, severity, waived, count]: a past scan is scored (trends) without reading its rows.
      -- Scans recorded before are counted now.
      ALTER TABLE finding_scans ADD COLUMN counts TEXT;
      UPDATE finding_scans SET counts = (
        SELECT json_group_array(json_array(rule_id, severity, waived, n)) FROM (
          SELECT rule_id, severity, waived, COUNT(*) AS n FROM findings AS f
          WHERE f.run_id = finding_scans.run_id AND f.monkey = finding_scans.monkey
          GROUP BY rule_id, severity, waived
        )
      );
    `,
  },
];
