// Simian's metrics in the real Prometheus tools (Debian's packages, linked by the sandbox
// toolchain): `simian run --once` pushes to a real Pushgateway, whose /metrics then holds every
// simian_ series of the run; and a real Prometheus scrapes `simian daemon` and answers queries over
// its metrics. The figures expected are read from Simian's own JSON (the run, and `simian report`
// of the same store), never written here. Two fault objects are planted in the cluster: one whose
// expiry is an hour away, and one past its expiry that a finalizer keeps after the reaper deletes
// it (a removal that did not take): the residual fault the metric is there to alert on.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import {
  KubeConfig,
  NetworkingV1Api,
  PatchStrategy,
  setHeaderOptions,
} from '@kubernetes/client-node';
import { simian, startSimian, ROOT, type CliResult } from '@simian/testing/cli';
import { ALWAYS, createNamespace, kubeClients, uniqueName, waitFor } from '@simian/testing/sandbox';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

const kubeconfig = inject('sandboxKubeconfig');
const k = kubeClients(kubeconfig);
const kc = new KubeConfig();
kc.loadFromFile(kubeconfig);
const net = kc.makeApiClient(NetworkingV1Api);
const dir = mkdtempSync(join(tmpdir(), 'simian-prometheus-'));
const faultsNs = uniqueName('metrics-faults');
const HOLD = 'simian.test/hold';
const children: ChildProcess[] = [];

/** The folder of Debian's prometheus and prometheus-pushgateway, as the toolchain links them. */
async function prometheusBin(): Promise<string> {
  const { stdout } = await promisify(execFile)('bash', [
    join(ROOT, 'packages/sandbox/toolchain/build.sh'),
    'prometheus',
  ]);
  return /^prometheus=(.+)$/m.exec(stdout)![1]!;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return port;
}

function start(bin: string, args: string[]): ChildProcess {
  const child = spawn(bin, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (c: Buffer) => (stderr = (stderr + c.toString()).slice(-4000)));
  child.on('error', (e) => process.stderr.write(`[${bin}] ${e.message}\n`));
  child.on('exit', (code) => {
    if (code && code !== 0) process.stderr.write(`[${bin}] exited ${code}: ${stderr}\n`);
  });
  children.push(child);
  return child;
}

/** One sample of the text exposition format. */
interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

function parseExposition(text: string): Sample[] {
  const out: Sample[] = [];
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})?\s+(\S+)/.exec(line);
    if (!m) continue;
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[l[1]!] = l[2]!;
    out.push({ name: m[1]!, labels, value: Number(m[3]) });
  }
  return out;
}

const ok = (r: CliResult) => {
  expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
  return r.stdout;
};

interface RunJson {
  status: string;
  monkeys: Array<{
    monkey: string;
    error?: string;
    gated: { dropped: Array<{ action: { verb: string } }> };
    outcomes: Array<{ status: string; action: { monkey: string; verb: string } }>;
  }>;
}
interface ReportJson {
  findings: Array<{ ruleId: string; severity: string; status: string; frameworks?: string[] }>;
  frameworks: Array<{ id: string; score: number | null }>;
}

/** Open findings counted as the metric counts them: by rule family, severity and framework. */
function expectedFindings(report: ReportJson): Map<string, number> {
  const scored = new Set(report.frameworks.map((f) => f.id));
  const counts = new Map<string, number>();
  for (const f of report.findings) {
    if (f.status !== 'open') continue;
    const family = f.ruleId.replace(/[-_.]?\d+$/, '');
    const frameworks = [
      ...new Set((f.frameworks ?? []).map((e) => e.split(':')[0]!).filter((e) => scored.has(e))),
    ];
    for (const fw of frameworks.length ? frameworks : ['none']) {
      const key = `${family}|${f.severity}|${fw}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  return counts;
}

const config = (extra: string, cron = '* * * * *') => `version: 1
store: { path: simian.db }
log: { level: warn }
targets:
  kubernetes:
    - kubeconfig: ${kubeconfig}
      namespaces: { include: [storefront, playground, ledger, payments, ${faultsNs}] }
monkeys:
  chaos:
    enabled: true
    schedule: { cron: '${cron}', windows: ${ALWAYS} }
  conformity:
    enabled: true
    schedule: { cron: '${cron}', windows: ${ALWAYS} }
${extra}`;

/** A NetworkPolicy carrying Simian's fault stamp (removed by deleting it), as inject-fault makes. */
async function plantFault(name: string, expiresAt: Date, finalizer: boolean): Promise<void> {
  const now = new Date().toISOString();
  await net.createNamespacedNetworkPolicy({
    namespace: faultsNs,
    body: {
      metadata: {
        name,
        labels: { 'faults.simian.dev/active': 'true' },
        annotations: {
          'faults.simian.dev/expires-at': expiresAt.toISOString(),
          'faults.simian.dev/run': 'run-planted',
          'faults.simian.dev/monkey': 'chaos',
          'faults.simian.dev/action': name,
          'faults.simian.dev/injected-at': now,
          'faults.simian.dev/recovery': 'delete',
        },
        ...(finalizer ? { finalizers: [HOLD] } : {}),
      },
      spec: { podSelector: { matchLabels: { app: 'nobody' } }, policyTypes: ['Ingress'] },
    },
  });
}

let bin: string;
let run: RunJson;
let report: ReportJson;

beforeAll(async () => {
  bin = await prometheusBin();
  await createNamespace(k, faultsNs);
  await plantFault('fault-current', new Date(Date.now() + 3_600_000), false);
  await plantFault('fault-stuck', new Date(Date.now() - 60_000), true);
}, 300_000);

afterAll(async () => {
  for (const c of children) c.kill('SIGTERM');
  await net
    .patchNamespacedNetworkPolicy(
      { namespace: faultsNs, name: 'fault-stuck', body: { metadata: { finalizers: null } } },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    )
    .catch(() => undefined);
  await k.core.deleteNamespace({ name: faultsNs }).catch(() => undefined);
});

describe('simian run --once and a real Pushgateway', () => {
  let gateway: string;

  beforeAll(async () => {
    const port = await freePort();
    gateway = `http://127.0.0.1:${port}`;
    start(join(bin, 'prometheus-pushgateway'), [`--web.listen-address=127.0.0.1:${port}`]);
    await waitFor('the Pushgateway to answer', async () =>
      (await fetch(`${gateway}/-/ready`).catch(() => undefined))?.ok ? true : undefined,
    );
    writeFileSync(
      join(dir, 'simian.yaml'),
      config(`reporting:\n  metrics: { pushgateway: '${gateway}', job: simian-cron }\n`),
    );
    const r = await simian(['run', '--once', '--dry-run', '-o', 'json'], dir);
    // Warnings only (the reaper says what it removed): the delete of the stuck fault was accepted,
    // the finalizer keeps the object, and the run goes on.
    expect(r.code).toBe(0);
    const logs = r.stderr
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as { level: number; msg: string });
    expect(logs.filter((l) => l.level >= 50)).toEqual([]);
    expect(logs.map((l) => l.msg)).toContain('the reaper removed faults left behind');
    run = JSON.parse(r.stdout) as RunJson;
    ok(await simian(['report', '--format', 'json', '--out', 'out'], dir));
    report = JSON.parse(readFileSync(join(dir, 'out/simian-report.json'), 'utf8')) as ReportJson;
  }, 300_000);

  const pushed = async () => {
    const text = await (await fetch(`${gateway}/metrics`)).text();
    return parseExposition(text).filter((s) => s.labels['job'] === 'simian-cron');
  };

  it('holds the runs and the actions of the run, by monkey, verb and verdict', async () => {
    const samples = await pushed();
    const runs = samples.filter((s) => s.name === 'simian_runs_total');
    expect(
      Object.fromEntries(
        runs.map((s) => [`${s.labels['monkey']}|${s.labels['verdict']}`, s.value]),
      ),
    ).toEqual(
      Object.fromEntries(
        run.monkeys.map((m) => [`${m.monkey}|${m.error ? 'failed' : run.status}`, 1]),
      ),
    );
    expect(run.monkeys.map((m) => m.monkey).sort()).toEqual(['chaos', 'conformity']);
    const actions = new Map<string, number>();
    for (const m of run.monkeys) {
      for (const o of m.outcomes) {
        const key = `${o.action.monkey}|${o.action.verb}|${o.status}`;
        actions.set(key, (actions.get(key) ?? 0) + 1);
      }
      for (const d of m.gated.dropped) {
        const key = `${m.monkey}|${d.action.verb}|held-back`;
        actions.set(key, (actions.get(key) ?? 0) + 1);
      }
    }
    const pushedActions = new Map(
      samples
        .filter((s) => s.name === 'simian_actions_total' && s.labels['monkey'] !== 'reaper')
        .map((s) => [`${s.labels['monkey']}|${s.labels['verb']}|${s.labels['verdict']}`, s.value]),
    );
    expect(pushedActions).toEqual(actions);
    expect([...actions.keys()].some((k) => k.startsWith('chaos|') && k.endsWith('|dry-run'))).toBe(
      true,
    );
    // The reaper's removal of the expired fault is an action too.
    expect(
      samples.find(
        (s) =>
          s.name === 'simian_actions_total' &&
          s.labels['monkey'] === 'reaper' &&
          s.labels['verb'] === 'remove-fault',
      )?.value,
    ).toBeGreaterThanOrEqual(1);
  });

  it('holds the open findings by rule family, severity and framework, as the report counts them', async () => {
    const samples = await pushed();
    const findings = new Map(
      samples
        .filter((s) => s.name === 'simian_findings')
        .map((s) => [
          `${s.labels['rule_family']}|${s.labels['severity']}|${s.labels['framework']}`,
          s.value,
        ]),
    );
    const expected = expectedFindings(report);
    expect(expected.size).toBeGreaterThan(0);
    expect(findings).toEqual(expected);
  });

  it('holds the compliance score of every scored framework, as the report gives it', async () => {
    const samples = await pushed();
    const scores = Object.fromEntries(
      samples
        .filter((s) => s.name === 'simian_compliance_score_ratio')
        .map((s) => [s.labels['framework'], s.value]),
    );
    const expected = Object.fromEntries(
      report.frameworks.filter((f) => f.score !== null).map((f) => [f.id, f.score! / 100]),
    );
    expect(Object.keys(expected).length).toBeGreaterThan(0);
    expect(Object.keys(scores).sort()).toEqual(Object.keys(expected).sort());
    for (const [fw, score] of Object.entries(expected)) expect(scores[fw]).toBeCloseTo(score, 6);
  });

  it('holds the active faults and the residual one past its expiry', async () => {
    const samples = await pushed();
    const value = (name: string) => samples.find((s) => s.name === name)?.value;
    expect(value('simian_faults_active')).toBe(2);
    expect(value('simian_faults_residual')).toBe(1);
    expect(value('simian_last_run_timestamp_seconds')).toBeGreaterThan(Date.now() / 1000 - 600);
  });
});

describe('simian daemon scraped by a real Prometheus', () => {
  let prometheus: string;
  let daemonPort: number;

  beforeAll(async () => {
    daemonPort = await freePort();
    const promPort = await freePort();
    prometheus = `http://127.0.0.1:${promPort}`;
    // The daemon serves the store the run above filled (its findings and scores) from its start:
    // its monkeys' only slot is on 1 January, so no run of its own fills them during the test.
    writeFileSync(
      join(dir, 'simian.yaml'),
      config(`reporting:\n  metrics: { listen: '127.0.0.1:${daemonPort}' }\n`, '0 0 1 1 *'),
    );
    const daemon = startSimian(['daemon', '--dry-run'], dir);
    children.push(daemon.child);
    await waitFor(
      'simian daemon to serve /metrics',
      async () =>
        (await fetch(`http://127.0.0.1:${daemonPort}/metrics`).catch(() => undefined))?.ok
          ? true
          : undefined,
      60_000,
    );
    writeFileSync(
      join(dir, 'prometheus.yml'),
      `global: { scrape_interval: 1s }\nscrape_configs:\n  - job_name: simian\n    static_configs: [{ targets: ['127.0.0.1:${daemonPort}'] }]\n`,
    );
    start(join(bin, 'prometheus'), [
      `--config.file=${join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${join(dir, 'tsdb')}`,
      `--web.listen-address=127.0.0.1:${promPort}`,
    ]);
  }, 120_000);

  const query = async (q: string) => {
    const r = await fetch(`${prometheus}/api/v1/query?query=${encodeURIComponent(q)}`).catch(
      () => undefined,
    );
    const body = (await r?.json().catch(() => undefined)) as
      | { data?: { result?: Array<{ metric: Record<string, string>; value: [number, string] }> } }
      | undefined;
    return body?.data?.result;
  };

  it('answers queries over the scraped metrics: the target is up, scores and faults as Simian has them', async () => {
    const started = Date.now();
    await waitFor(
      'Prometheus to have scraped simian daemon',
      async () => ((await query('up{job="simian"}'))?.[0]?.value[1] === '1' ? true : undefined),
      45_000,
    );
    const scores = await query('simian_compliance_score_ratio{job="simian"}');
    const expected = Object.fromEntries(
      report.frameworks.filter((f) => f.score !== null).map((f) => [f.id, f.score! / 100]),
    );
    expect(
      Object.fromEntries(scores!.map((s) => [s.metric['framework'], Number(s.value[1])])),
    ).toEqual(expected);
    // An aggregation: open findings per severity, summed over families and frameworks.
    const bySeverity = await query('sum by (severity) (simian_findings{job="simian"})');
    const expectedBySeverity: Record<string, number> = {};
    for (const [key, n] of expectedFindings(report)) {
      const severity = key.split('|')[1]!;
      expectedBySeverity[severity] = (expectedBySeverity[severity] ?? 0) + n;
    }
    expect(
      Object.fromEntries(bySeverity!.map((s) => [s.metric['severity'], Number(s.value[1])])),
    ).toEqual(expectedBySeverity);
    const residual = await query('simian_faults_residual{job="simian"} > 0');
    expect(residual!.map((s) => Number(s.value[1]))).toEqual([1]);
    expect(Date.now() - started).toBeLessThan(60_000);
  }, 90_000);
});
