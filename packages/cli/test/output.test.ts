// The reports of every command, as processes: `-o json` parses wherever it applies, a format a
// command cannot give is refused with exit 2 before anything is done, and --output-file and
// --reporter write files. Against the sandbox's cluster, with the chaos monkey in dry-run.
import { copyFileSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ALWAYS } from '@simian/testing/sandbox';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { ROOT, simian, type CliResult } from '@simian/testing/cli';

const kubeconfig = inject('sandboxKubeconfig');
const sandboxCwd = inject('sandboxCwd');
const EXPERIMENT = join(ROOT, 'packages/cli/test/fixtures/probe-only.yaml');
const MANIFEST = join(ROOT, 'packages/policy/test/fixtures/rules/K8S-EXPO-001/fail.yaml');
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'simian-cli-output-'));
  writeFileSync(
    join(dir, 'simian.yaml'),
    `version: 1
store: { path: simian.db }
log: { level: warn }
targets:
  kubernetes:
    - kubeconfig: ${kubeconfig}
      namespaces: { include: [storefront] }
monkeys:
  chaos:
    enabled: true
    schedule:
      windows: ${ALWAYS}
`,
  );
});

/** The command's JSON on stdout, after checking it ended as expected. */
function jsonOf(r: CliResult, code = 0): unknown {
  expect({ code: r.code, stderr: r.stderr }).toEqual({ code, stderr: '' });
  return JSON.parse(r.stdout);
}

describe('simian -o', () => {
  // plan's findings render in every findings format (sarif included, issue 15): what it refuses is
  // a format no reporter of its report kinds has.
  it('plan -o yaml is refused: exit 2, one line naming the formats of plan, nothing done', async () => {
    const r = await simian(['plan', '-o', 'yaml'], dir);
    expect(r).toEqual({
      code: 2,
      stdout: '',
      stderr:
        'simian: --output yaml does not apply to simian plan: its formats are table, json, junit, sarif, markdown, html, pdf, csv, ocsf, policyreport, openreports\n',
    });
    expect(existsSync(join(dir, 'simian.db'))).toBe(false);
  });

  it('plan, apply and history -o json, one after the other', async () => {
    const plan = jsonOf(await simian(['plan', '-o', 'json', '--out', 'plan.json'], dir)) as {
      runId: string;
      monkeys: Array<{ monkey: string; gated: { allowed: unknown[] } }>;
    };
    expect(plan.monkeys.map((m) => m.monkey)).toEqual(['chaos']);
    expect(plan.monkeys[0]!.gated.allowed.length).toBeGreaterThan(0);
    const applied = jsonOf(await simian(['apply', 'plan.json', '-o', 'json'], dir)) as {
      runId: string;
      dryRun: boolean;
      monkeys: Array<{ outcomes: Array<{ status: string }> }>;
    };
    expect(applied.dryRun).toBe(true);
    expect(applied.monkeys[0]!.outcomes.map((o) => o.status)).toContain('dry-run');
    const ledger = jsonOf(
      await simian(['history', '--run', applied.runId, '-o', 'json'], dir),
    ) as Array<{ runId: string; status: string }>;
    expect(ledger.length).toBeGreaterThan(0);
    expect(ledger.every((row) => row.runId === applied.runId && row.status === 'dry-run')).toBe(
      true,
    );
    const runs = jsonOf(await simian(['history', '-o', 'json'], dir)) as Array<{ id: string }>;
    expect(runs.map((r) => r.id)).toContain(applied.runId);
  });

  // Each in a folder of its own, so no two processes write one store at once.
  it.concurrent.each([
    [['validate'], { valid: true, targets: ['kubernetes'] }],
    [['schema'], { properties: { reporting: { type: 'object' } } }],
    [['schedule', '-n', '2'], [{ monkey: 'chaos', slots: [{}, {}] }]],
    [['run', '--dry-run'], { dryRun: true, status: 'completed' }],
    [['history', '--recoveries'], expect.any(Array)],
    [['doctor'], { healthy: true, providers: { kubernetes: [{ reachable: true }] } }],
    [
      ['rbac', 'chaos'],
      { kubernetes: expect.arrayContaining([expect.objectContaining({ kind: 'rbac' })]) },
    ],
    [['scan', MANIFEST], { summary: { findings: 1 } }],
    [['experiment', 'validate', EXPERIMENT], { errors: [] }],
    [['experiment', 'run', EXPERIMENT, '--journal-path', 'journal.json'], { status: 'completed' }],
  ] as Array<[string[], object]>)('%j -o json parses', async (args, expected) => {
    const own = mkdtempSync(join(tmpdir(), 'simian-cli-json-'));
    copyFileSync(join(dir, 'simian.yaml'), join(own, 'simian.yaml'));
    // Logs go to stderr; warnings only, so that a clean stderr means nothing went wrong.
    const r = await simian([...args, '-o', 'json', '--log-level', 'warn'], own);
    expect(jsonOf(r)).toMatchObject(expected);
  });

  it('sandbox status -o json parses (exit 0 when it is healthy)', async () => {
    const out = jsonOf(await simian(['sandbox', 'status', '-o', 'json'], sandboxCwd)) as {
      healthy: boolean;
      components: unknown[];
    };
    expect(out.healthy).toBe(true);
    expect(out.components.length).toBeGreaterThan(3);
  });
});

describe('--output-file and --reporter', () => {
  it('--output-file writes the format to the file; stdout keeps the table for people', async () => {
    const r = await simian(['run', '--dry-run', '-o', 'json', '--output-file', 'run.json'], dir);
    expect(r.code).toBe(0);
    const written = JSON.parse(readFileSync(join(dir, 'run.json'), 'utf8')) as { runId: string };
    expect(r.stdout).toContain('== chaos (dry-run)');
    expect(r.stdout).toContain(`run ${written.runId}: completed (dry-run: nothing was changed)`);
  });

  it('scan: sarif to a file, a second format with --reporter, the table on stdout', async () => {
    const r = await simian(
      [
        'scan',
        MANIFEST,
        '-o',
        'sarif',
        '--output-file',
        'scan.sarif',
        '--reporter',
        'junit=scan.xml',
        '--reporter',
        'json=scan.json',
      ],
      dir,
    );
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^SEVERITY\s+RULE/);
    const sarif = JSON.parse(readFileSync(join(dir, 'scan.sarif'), 'utf8')) as {
      version: string;
      runs: Array<{ results: Array<{ ruleId: string }> }>;
    };
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0]!.results.map((x) => x.ruleId)).toEqual(['K8S-EXPO-001']);
    expect(readFileSync(join(dir, 'scan.xml'), 'utf8')).toMatch(
      /^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites name="simian scan" tests="1" failures="1"/,
    );
    const json = JSON.parse(readFileSync(join(dir, 'scan.json'), 'utf8')) as {
      findings: unknown[];
    };
    expect(json.findings).toHaveLength(1);
  });
});
