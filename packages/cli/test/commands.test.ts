// Every command as a process against the sandbox, table and JSON, with its exit code: apply of a
// signed plan file, the daemon for one tick, history, doctor as a read-only identity, experiment
// run with a journal, faults, schedule, rbac, features, schema, completion. (output.test.ts has
// the -o/--output-file/--reporter side of the same commands.) Each test runs several processes
// from source, seconds each on a busy machine: hence the long timeouts.
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { KubeConfig, RbacAuthorizationV1Api } from '@kubernetes/client-node';
import { mintIdentity } from '@simian/sandbox';
import { ALWAYS } from '@simian/testing/sandbox';
import { beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { ROOT, simian, type CliResult } from '@simian/testing/cli';

const kubeconfig = inject('sandboxKubeconfig');
const sandboxCwd = inject('sandboxCwd');
const EXPERIMENT = join(ROOT, 'packages/cli/test/fixtures/probe-only.yaml');
const KEY = 'e2e-plan-key-'.padEnd(44, 'x');
vi.setConfig({ testTimeout: 400_000 });

function config(kube: string, extra = ''): string {
  return `version: 1
store: { path: simian.db }
log: { level: warn }
targets:
  kubernetes:
    - kubeconfig: ${kube}
      namespaces: { include: [storefront] }
monkeys:
  chaos:
    enabled: true
    schedule:
      cron: '* * * * *'
      windows: ${ALWAYS}
${extra}`;
}

function folder(text = config(kubeconfig)): string {
  const dir = mkdtempSync(join(tmpdir(), 'simian-cli-commands-'));
  writeFileSync(join(dir, 'simian.yaml'), text);
  return dir;
}

const ok = (r: CliResult) => {
  expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
  return r.stdout;
};

describe('plan --out and apply, with a plan key', () => {
  let dir: string;
  beforeAll(() => {
    dir = folder();
  });

  it('signs the plan; apply with the key carries it out, in table and JSON', async () => {
    const env = { SIMIAN_PLAN_KEY: KEY };
    const planned = ok(
      await simian(['plan', 'chaos', '--out', 'plan.json', '--seed', '7'], dir, env),
    );
    expect(planned).toContain('plan written to plan.json (signed)');
    expect(planned).toContain(
      `apply it with: simian -c ${join(dir, 'simian.yaml')} apply plan.json`,
    );
    const plan = JSON.parse(readFileSync(join(dir, 'plan.json'), 'utf8')) as { signature: string };
    expect(plan.signature).toMatch(/^hmac-sha256:/);
    const table = ok(await simian(['apply', 'plan.json'], dir, env));
    expect(table).toContain('== chaos (dry-run)');
    const json = JSON.parse(ok(await simian(['apply', 'plan.json', '-o', 'json'], dir, env))) as {
      dryRun: boolean;
      monkeys: Array<{ outcomes: Array<{ status: string }> }>;
    };
    expect(json.dryRun).toBe(true);
    expect(json.monkeys[0]!.outcomes.map((o) => o.status)).toContain('dry-run');
  });

  it('refuses the plan once edited and resealed, or without the key, exit 2 and one line', async () => {
    const file = join(dir, 'plan.json');
    const edited = readFileSync(file, 'utf8').replace(/"reason": "[^"]*"/, '"reason": "edited"');
    writeFileSync(join(dir, 'edited.json'), edited);
    const env = { SIMIAN_PLAN_KEY: KEY };
    const r = await simian(['apply', 'edited.json'], dir, env);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^simian: plan file edited\.json was altered after it was written/);
    const unkeyed = await simian(['apply', 'plan.json'], dir);
    expect(unkeyed.code).toBe(2);
    expect(unkeyed.stderr).toContain('is signed, but no plan key is configured here to check it');
  });
});

describe('history', () => {
  it('lists runs as a table and as JSON; the ledger of one run', async () => {
    const dir = folder();
    ok(await simian(['run', '--dry-run'], dir));
    const runs = JSON.parse(ok(await simian(['history', '-o', 'json'], dir))) as Array<{
      id: string;
      status: string;
    }>;
    expect(runs[0]!.status).toBe('completed');
    const table = ok(await simian(['history'], dir));
    expect(table).toContain(runs[0]!.id);
    expect(table).toContain('completed');
    const ledger = JSON.parse(
      ok(await simian(['history', '--run', runs[0]!.id, '-o', 'json'], dir)),
    ) as unknown[];
    expect(ledger.length).toBeGreaterThan(0);
    const tooMany = await simian(['history', '-n', '99999999'], dir);
    expect(tooMany.code).toBe(2);
    expect(tooMany.stderr).toContain('give a whole number from 1 to 10000');
  });
});

describe('daemon', () => {
  it('runs the chaos monkey at its next slot (one tick), records it, and ends on SIGTERM', async () => {
    const dir = folder();
    const tsx = pathToFileURL(join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;
    const child = spawn(
      process.execPath,
      [
        '--conditions=@simian/source',
        '--import',
        tsx,
        join(ROOT, 'packages/cli/src/main.ts'),
        'daemon',
        '--dry-run',
      ],
      { cwd: dir, env: { ...process.env, SIMIAN_CONFIG: '' }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    const ended = new Promise<number | null>((resolve) => child.on('close', resolve));
    // The next slot of '* * * * *' is within a minute; then the run is in the store.
    const deadline = Date.now() + 240_000;
    let runs: Array<{ kind: string; monkeys: string[] }> = [];
    while (Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 3000));
      if (!existsSync(join(dir, 'simian.db'))) continue;
      const r = await simian(['history', '-o', 'json'], dir);
      if (r.code === 0) runs = JSON.parse(r.stdout) as typeof runs;
      if (runs.length > 0) break;
    }
    child.kill('SIGTERM');
    const code = await ended;
    expect(runs[0]?.monkeys).toEqual(['chaos']);
    expect([0, 130]).toContain(code);
    expect(stderr).not.toMatch(/^\s+at /m);
  }, 300_000);
});

describe('doctor', () => {
  it('as a read-only identity: reachable, the missing permissions listed as a ClusterRole, exit 3', async () => {
    const name = `simian-viewer-${process.pid}`;
    const identity = await mintIdentity({ cwd: sandboxCwd, name, groups: [] });
    const kc = new KubeConfig();
    kc.loadFromFile(kubeconfig);
    const rbac = kc.makeApiClient(RbacAuthorizationV1Api);
    await rbac.createClusterRoleBinding({
      body: {
        metadata: { name },
        roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' },
        subjects: [{ kind: 'User', name, apiGroup: 'rbac.authorization.k8s.io' }],
      },
    });
    try {
      const dir = folder(config(identity.kubeconfig));
      // Table and JSON at once: doctor opens no store.
      const [r, jsonRun] = await Promise.all([
        simian(['doctor', 'chaos'], dir),
        simian(['doctor', 'chaos', '-o', 'json'], dir),
      ]);
      expect(r.code).toBe(3);
      expect(r.stdout).toContain('kind: ClusterRole');
      // chaos evicts by default (its permissionsFor its config): the eviction is what is missing.
      expect(r.stdout).toMatch(/delete|pods\/eviction/);
      const json = JSON.parse(jsonRun.stdout) as {
        healthy: boolean;
        providers: { kubernetes: Array<{ reachable: boolean; missing: unknown[] }> };
      };
      expect(json.healthy).toBe(false);
      expect(json.providers.kubernetes[0]!.reachable).toBe(true);
      expect(json.providers.kubernetes[0]!.missing.length).toBeGreaterThan(0);
    } finally {
      await rbac.deleteClusterRoleBinding({ name });
    }
  });
});

describe('experiment run with a journal', () => {
  it('runs, writes the journal, keeps it in the store; an unwritable journal path is refused first', async () => {
    const dir = folder();
    const table = ok(
      // The run's own log lines (info) go to stderr; warnings and errors would still show.
      await simian(
        ['--log-level', 'warn', 'experiment', 'run', EXPERIMENT, '--journal-path', 'j.json'],
        dir,
      ),
    );
    expect(table).toContain('node answers');
    const journal = JSON.parse(readFileSync(join(dir, 'j.json'), 'utf8')) as { status: string };
    expect(journal.status).toBe('completed');
    const before = await simian(['history', '-o', 'json'], dir);
    const r = await simian(
      ['experiment', 'run', EXPERIMENT, '--journal-path', '/nonexistent/j.json'],
      dir,
    );
    expect(r).toMatchObject({ code: 2, stdout: '' });
    expect(r.stderr).toBe(
      'simian: --journal-path /nonexistent/j.json: the folder /nonexistent does not exist\n',
    );
    // Nothing ran: the store has no new run.
    expect((await simian(['history', '-o', 'json'], dir)).stdout).toBe(before.stdout);
  });

  it('--config naming a file that is not there is an error, not ignored', async () => {
    const dir = folder();
    const r = await simian(['--config', 'missing.yaml', 'experiment', 'run', EXPERIMENT], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`no config file at ${join(dir, 'missing.yaml')} (from --config)`);
  });
});

describe('the other commands, table and JSON', () => {
  let dir: string;
  beforeAll(() => {
    dir = folder();
  });

  it('faults list: none active, exit 0', async () => {
    expect(ok(await simian(['faults', 'list'], dir))).toContain('(none)');
    const json = JSON.parse(ok(await simian(['faults', 'list', '-o', 'json'], dir))) as {
      faults: unknown[];
    };
    expect(json.faults).toEqual([]);
  });

  it('schedule, validate, features, rbac: tables', async () => {
    // At once: none of these opens the store.
    const [schedule, validate, features, rbacRun] = await Promise.all([
      simian(['schedule', '-n', '2'], dir),
      simian(['validate', 'simian.yaml'], dir),
      simian(['features'], dir),
      simian(['rbac', 'chaos'], dir),
    ]);
    expect(ok(schedule)).toContain('chaos: "* * * * *"');
    expect(ok(validate)).toContain('simian.yaml is valid.');
    expect(ok(features)).toContain('chaos-monkey');
    const rbac = ok(rbacRun);
    // One YAML stream, which kubectl applies as it is.
    const kubectl = execFileSync(
      'bash',
      [join(ROOT, 'packages/sandbox/toolchain/build.sh'), 'kubectl'],
      {
        encoding: 'utf8',
      },
    )
      .trim()
      .split('=')[1]!;
    writeFileSync(join(dir, 'rbac.yaml'), rbac);
    const dry = execFileSync(
      join(kubectl, 'kubectl'),
      ['--kubeconfig', kubeconfig, 'apply', '--dry-run=server', '-f', join(dir, 'rbac.yaml')],
      { encoding: 'utf8' },
    );
    // The config limits the context to namespaces: the namespaced grants are Roles there.
    expect(dry).toContain('role.rbac.authorization.k8s.io/simian-chaos');
  });

  it('SIMIAN_CONFIG is read when --config is left out', async () => {
    const r = await simian(['validate', '-o', 'json'], tmpdir(), {
      SIMIAN_CONFIG: join(dir, 'simian.yaml'),
    });
    expect(JSON.parse(ok(r))).toMatchObject({ valid: true, file: join(dir, 'simian.yaml') });
  });

  it('schema, completion and --version need no config', async () => {
    // At once: none of these reads a config or opens a store.
    const [schemaRun, bashRun, fish, zsh, version] = await Promise.all([
      simian(['schema'], tmpdir()),
      simian(['completion', 'bash'], tmpdir()),
      simian(['completion', 'fish'], tmpdir()),
      simian(['completion', 'zsh'], tmpdir()),
      simian(['--version'], tmpdir()),
    ]);
    const schema = JSON.parse(ok(schemaRun)) as { type: string };
    expect(schema.type).toBe('object');
    const bash = ok(bashRun);
    const script = join(dir, 'completion.bash');
    writeFileSync(script, bash);
    const complete = (words: string[]) =>
      execFileSync(
        'bash',
        [
          '-c',
          `source ${script}; COMP_WORDS=(${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length - 1}; _simian; echo "\${COMPREPLY[*]}"`,
        ],
        { encoding: 'utf8' },
      ).trim();
    expect(complete(['simian', 'sc']).split(' ').sort()).toEqual(['scan', 'schedule', 'schema']);
    expect(complete(['simian', 'sandbox', ''])).toBe('up down status seed');
    expect(complete(['simian', 'scan', '--fail-on', 'h'])).toBe('high');
    // plan's findings render in every findings format (docs/reporting.md).
    expect(complete(['simian', 'plan', '-o', ''])).toBe(
      'table json junit sarif markdown html pdf csv ocsf policyreport openreports',
    );
    expect(ok(fish)).toContain("complete -c simian -n '__fish_use_subcommand' -a scan");
    expect(ok(zsh)).toContain('bashcompinit');
    expect(ok(version)).toMatch(/^simian \d+\.\d+\.\d+\n$/);
  });
});
