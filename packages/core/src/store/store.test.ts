import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { actionOn, deletingMonkey, MemoryProvider, pod } from '@simian/testing';
import { parseConfigText } from '../config/load.js';
import { runMonkeys } from '../engine/run.js';
import { silentLogger } from '../logger.js';
import { Registry } from '../registry.js';
import { findingId } from '../finding-id.js';
import Database from 'better-sqlite3';
import { MIGRATIONS } from './migrations.js';
import { Store } from './store.js';

describe('store', () => {
  it('creates the file and its tables on first use, and migrations are idempotent', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'simian-store-')), 'nested', 'simian.db');
    const a = new Store(path);
    expect(a.schemaVersion()).toBe(MIGRATIONS.length);
    a.close();
    const b = new Store(path);
    expect(b.schemaVersion()).toBe(MIGRATIONS.length);
    b.close();
  });

  it('records which daemon replica ran a run, and reads runs of a store made before it could', () => {
    // A store as version 3 of the schema left it: no holder column yet, one run in it.
    const { path, old } = storeAtVersion(3);
    old
      .prepare(
        'INSERT INTO runs (id, kind, started_at, status, dry_run, monkeys) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run('old', 'run', '2026-11-01T10:00:00Z', 'completed', 1, '["chaos"]');
    old.close();

    const s = new Store(path);
    try {
      expect(s.schemaVersion()).toBe(MIGRATIONS.length);
      s.startRun({
        id: 'new',
        dryRun: false,
        monkeys: ['chaos'],
        startedAt: '2026-11-02T10:00:00Z',
        holder: 'simian-0',
      });
      const [newer, older] = s.runs();
      expect(newer).toMatchObject({ id: 'new', holder: 'simian-0' });
      expect(older).toMatchObject({ id: 'old', status: 'completed', monkeys: ['chaos'] });
      expect(older).not.toHaveProperty('holder');
    } finally {
      s.close();
    }
  });

  it('keeps the ledger before and after each action', () => {
    const s = new Store(':memory:');
    s.startRun({ id: 'r1', dryRun: false, monkeys: ['test'], startedAt: '2026-11-23T10:00:00Z' });
    const seq = s.actionStarted('r1', actionOn(pod('a')), false, '2026-11-23T10:00:01Z');
    expect(s.ledger({ runId: 'r1' })[0]).toMatchObject({
      status: 'started',
      endedAt: null,
      ref: 'k8s:test/shop/Pod/a',
    });
    s.actionEnded(seq, 'succeeded', '2026-11-23T10:00:02Z', { recoverySeconds: 4 });
    expect(s.ledger({ runId: 'r1' })[0]).toMatchObject({
      status: 'succeeded',
      detail: { recoverySeconds: 4 },
    });
    s.close();
  });

  it('counts only finished runs (not plans) as the last run of a monkey, for run --once', () => {
    const s = new Store(':memory:');
    s.startRun({
      id: 'r',
      kind: 'run',
      dryRun: false,
      monkeys: ['chaos'],
      startedAt: '2026-11-23T10:00:00Z',
    });
    s.endRun({ runId: 'r', status: 'completed', endedAt: '2026-11-23T10:00:05Z' });
    s.startRun({
      id: 'p',
      kind: 'plan',
      dryRun: true,
      monkeys: ['chaos'],
      startedAt: '2026-11-23T10:20:00Z',
    });
    s.endRun({ runId: 'p', status: 'completed', endedAt: '2026-11-23T10:20:05Z' });
    s.startRun({
      id: 'x',
      kind: 'run',
      dryRun: false,
      monkeys: ['chaos'],
      startedAt: '2026-11-23T10:30:00Z',
    });
    expect(s.lastRunOf('chaos')?.toISOString()).toBe('2026-11-23T10:00:05.000Z');
    expect(s.lastRunOf('janitor')).toBeUndefined();
    s.close();
  });

  it('prunes old history but keeps unfinished ledger rows', () => {
    const s = new Store(':memory:');
    s.startRun({ id: 'old', dryRun: false, monkeys: ['test'], startedAt: '2026-01-01T00:00:00Z' });
    s.endRun({ runId: 'old', status: 'completed', endedAt: '2026-01-01T00:01:00Z' });
    const done = s.actionStarted('old', actionOn(pod('a')), false, '2026-01-01T00:00:10Z');
    s.actionEnded(done, 'succeeded', '2026-01-01T00:00:11Z');
    s.actionStarted('old', actionOn(pod('b')), false, '2026-01-01T00:00:12Z');
    s.recordFindings(
      'old',
      [
        {
          ruleId: 'R1',
          severity: 'low',
          monkey: 'test',
          resource: { ref: 'x', kind: 'Pod', name: 'x', provider: 'kubernetes' },
          message: 'm',
        },
      ],
      '2026-01-01T00:00:00Z',
    );
    const pruned = s.prune(30 * 86_400_000, new Date('2026-11-23T00:00:00Z'));
    expect(pruned).toEqual({ actions: 1, findings: 1, runs: 0, recoveries: 0, scans: 1 });
    expect(s.ledger().map((r) => r.status)).toEqual(['started']);
    s.close();
  });

  it('keeps findings whole with their ids, and which monkeys looked, even when they found nothing', () => {
    const s = new Store(':memory:');
    const finding = {
      ruleId: 'K8S-IMG-001',
      severity: 'medium' as const,
      monkey: 'conformity',
      resource: {
        ref: 'k8s:c/shop/Deployment/web',
        kind: 'Deployment',
        name: 'web',
        namespace: 'shop',
        provider: 'kubernetes',
        context: 'c',
        owner: 'team-shop',
      },
      message: 'uses latest',
      evidence: { image: 'web:latest' },
      title: 'Image with the latest tag',
      frameworks: ['polaris:tagNotSpecified'],
    };
    s.recordFindings('r1', [finding], '2026-11-01T10:00:00.000Z', 'conformity');
    s.recordFindings('r1', [], '2026-11-01T10:00:00.000Z', 'chaos');
    s.recordFindings('r2', [], '2026-11-02T10:00:00.000Z', 'conformity');
    s.recordFindings('r3', [finding], '2026-11-03T10:00:00.000Z', 'conformity');

    expect(s.scanFindings('r1', 'conformity')).toEqual([finding]);
    expect(s.scanFindingsWithIds('r1', 'conformity')).toEqual([
      { id: findingId(finding), finding },
    ]);
    expect(s.scanFindingsWithIds('r1', 'conformity', new Set(['another id']))).toEqual([]);
    expect(s.findingScans().map((x) => [x.runId, x.monkey, x.findings])).toEqual([
      ['r1', 'chaos', 0],
      ['r1', 'conformity', 1],
      ['r2', 'conformity', 0],
      ['r3', 'conformity', 1],
    ]);
    expect(
      s.findingScans({ since: '2026-11-02T00:00:00.000Z', monkeys: ['conformity'] }),
    ).toHaveLength(2);
    const [key] = s.scanFindingKeys([{ runId: 'r3', monkey: 'conformity' }]);
    expect(key).toEqual({
      runId: 'r3',
      monkey: 'conformity',
      id: findingId(finding),
      ruleId: 'K8S-IMG-001',
      severity: 'medium',
      ref: 'k8s:c/shop/Deployment/web',
      waived: false,
    });
    expect(s.findingsSeen().get(findingId(finding))).toEqual({
      first: '2026-11-01T10:00:00.000Z',
      last: '2026-11-03T10:00:00.000Z',
    });
    s.close();
  });

  it('reads, counts and compares scans without their bodies, rows recorded before ids and bodies were kept too', () => {
    // Rows as version 2 of the schema left them: no id, no body (only their columns); one of them
    // in a scan of version 3, which version 6 counts when it opens.
    const { path, old } = storeAtVersion(3);
    old
      .prepare(
        'INSERT INTO findings (run_id, monkey, rule_id, severity, ref, message, waived, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(
        'r1',
        'conformity',
        'K8S-RES-001',
        'low',
        'k8s:c/shop/Deployment/old',
        'no requests',
        1,
        '2026-11-01T10:00:00.000Z',
      );
    old
      .prepare(
        'INSERT INTO findings (run_id, monkey, rule_id, severity, ref, message, waived, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      )
      .run(
        'r0',
        'chaos',
        'CHAOS-001',
        'high',
        'k8s:c/shop/Pod/p',
        'slow',
        0,
        '2026-10-31T10:00:00.000Z',
      );
    old
      .prepare('INSERT INTO finding_scans (run_id, monkey, at, findings) VALUES (?, ?, ?, ?)')
      .run('r0', 'chaos', '2026-10-31T10:00:00.000Z', 1);
    old.close();
    const legacy = {
      ruleId: 'K8S-RES-001',
      severity: 'low' as const,
      monkey: 'conformity',
      resource: {
        ref: 'k8s:c/shop/Deployment/old',
        kind: 'unknown',
        name: 'k8s:c/shop/Deployment/old',
        provider: 'unknown',
      },
      message: 'no requests',
      waiver: { by: 'config' as const },
    };
    const on = (name: string, severity: 'high' | 'medium', waived = false) => ({
      ruleId: 'K8S-IMG-001',
      severity,
      monkey: 'conformity',
      resource: {
        ref: `k8s:c/shop/Deployment/${name}`,
        kind: 'Deployment',
        name,
        provider: 'kubernetes',
      },
      message: `${name} uses latest`,
      evidence: { image: `${name}:latest` },
      ...(waived ? { waiver: { by: 'config' as const, expires: '2026-12-01' } } : {}),
    });
    const [a, b, c] = [on('a', 'high'), on('b', 'high'), on('c', 'medium', true)];

    const s = new Store(path);
    try {
      expect(s.schemaVersion()).toBe(MIGRATIONS.length);
      const stored = new Database(path, { readonly: true });
      expect(stored.prepare('SELECT counts FROM finding_scans').pluck().all()).toEqual([
        '[["CHAOS-001","high",0,1]]',
      ]);
      stored.close();
      expect(s.scanFindingCounts('r0', 'chaos')).toEqual([
        { ruleId: 'CHAOS-001', severity: 'high', waived: false, count: 1 },
      ]);
      s.recordFindings('r1', [a, b, c], '2026-11-01T10:00:00.000Z', 'conformity');
      expect(s.scanFindingsWithIds('r1', 'conformity')).toEqual([
        { id: findingId(legacy), finding: legacy },
        { id: findingId(a), finding: a },
        { id: findingId(b), finding: b },
        { id: findingId(c), finding: c },
      ]);
      expect(
        s.scanFindingsWithIds('r1', 'conformity', new Set([findingId(legacy), findingId(c)])),
      ).toEqual([
        { id: findingId(legacy), finding: legacy },
        { id: findingId(c), finding: c },
      ]);
      expect(s.scanFindingIds('r1', 'conformity').sort()).toEqual(
        [legacy, a, b, c].map((f) => findingId(f)).sort(),
      );
      expect(s.scanFindingIds('r1', 'chaos')).toEqual([]);
      const byKey = (x: { ruleId: string; severity: string }, y: typeof x) =>
        `${x.ruleId} ${x.severity}`.localeCompare(`${y.ruleId} ${y.severity}`);
      expect(s.scanFindingCounts('r1', 'conformity').sort(byKey)).toEqual([
        { ruleId: 'K8S-IMG-001', severity: 'high', waived: false, count: 2 },
        { ruleId: 'K8S-IMG-001', severity: 'medium', waived: true, count: 1 },
        { ruleId: 'K8S-RES-001', severity: 'low', waived: true, count: 1 },
      ]);
      // r2 has rows with ids only: SQLite compares it with r3; r1's row without an id is compared
      // by the id it would have.
      s.recordFindings('r2', [b, c, legacy, b], '2026-11-02T10:00:00.000Z', 'conformity');
      s.recordFindings('r3', [c, on('d', 'high')], '2026-11-03T10:00:00.000Z', 'conformity');
      const scan = (runId: string) => ({ runId, monkey: 'conformity' });
      expect(s.findingIdsNotIn(scan('r2'), scan('r3')).sort()).toEqual(
        [findingId(b), findingId(legacy)].sort(),
      );
      expect(s.findingIdsNotIn(scan('r3'), scan('r2'))).toEqual([findingId(on('d', 'high'))]);
      expect(s.findingIdsNotIn(scan('r1'), scan('r2'))).toEqual([findingId(a)]);
      expect(s.findingIdsNotIn(scan('r2'), scan('r1'))).toEqual([]);
      expect(s.findingIdsNotIn(scan('r3'), { runId: 'r3', monkey: 'chaos' }).sort()).toEqual(
        [findingId(c), findingId(on('d', 'high'))].sort(),
      );
    } finally {
      s.close();
    }
  });

  it('after a process is killed mid-run, the ledger says which actions started and which finished', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'simian-kill-')), 'simian.db');
    const script = fileURLToPath(new URL('../__fixtures__/blocking-run.ts', import.meta.url));
    const child = spawn(
      process.execPath,
      ['--conditions=@simian/source', '--import', 'tsx', script, db],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (d: Buffer) => d.toString().includes('blocked') && resolve());
      child.on('exit', (code) => reject(new Error(`child exited early with ${code}`)));
    });
    child.kill('SIGKILL');
    await new Promise((r) => child.on('exit', r));

    const s = new Store(db);
    const ledger = s.ledger().reverse();
    expect(ledger.map((r) => [r.ref, r.status])).toEqual([
      ['k8s:test/shop/Pod/a', 'succeeded'],
      ['k8s:test/shop/Pod/b', 'started'],
    ]);
    expect(ledger[1]!.endedAt).toBeNull();
    expect(s.runs()[0]!.status).toBe('running');

    // The next run reports the unfinished row, reads its pod again, ends the row, and does not
    // kill in that group again at once: the kill may have happened (min-interval counts it).
    const registry = new Registry().registerMonkey(deletingMonkey());
    const provider = new MemoryProvider('kubernetes', [pod('b'), pod('c')]);
    const next = await runMonkeys({
      config: parseConfigText(
        'version: 1\nsafety:\n  blastRadius:\n    minHealthy: 0\n    maxGroupShare: 1\nmonkeys:\n  test:\n    enabled: true\n    dryRun: false\n    schedule:\n      windows:\n        days: [sun, mon, tue, wed, thu, fri, sat]\n        hours: { start: "00:00", end: "24:00" }\n',
        '/tmp/simian-next.yaml',
        registry,
        { env: {} },
      ),
      registry,
      store: s,
      logger: silentLogger(),
      mode: 'run',
      providers: [provider],
      env: {},
    });
    expect(next.unfinished).toEqual([
      expect.objectContaining({ ref: 'k8s:test/shop/Pod/b', verb: 'delete', resource: 'present' }),
    ]);
    const ended = s.ledger().find((r) => r.runId !== next.runId && r.ref === 'k8s:test/shop/Pod/b');
    expect(ended).toMatchObject({ status: 'interrupted' });
    expect(String(ended!.detail?.['reason'])).toContain('found the resource still there');
    expect(provider.calls).toEqual([]);
    expect(next.monkeys[0]!.gated.dropped.map((d) => d.rule)).toEqual([
      'min-interval',
      'min-interval',
    ]);
    s.close();
  }, 30_000);
});

/** A new store file with the schema as migration `version` left it, open for a test to fill. */
function storeAtVersion(version: number): { path: string; old: Database.Database } {
  const path = join(mkdtempSync(join(tmpdir(), 'simian-store-')), 'simian.db');
  const old = new Database(path);
  old.exec(
    'CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)',
  );
  for (const m of MIGRATIONS.filter((m) => m.version <= version)) {
    old.exec(m.sql);
    old
      .prepare('INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)')
      .run(m.version, '2026-11-01T00:00:00Z');
  }
  return { path, old };
}
