/**
 * Janitor benchmark (issue 12): on one moto estate (5,000 EBS volumes, 5,000 snapshots, 500
 * Elastic IPs, 500 security groups, seeded by `test/bench/janitor/seed_estate.py`), Simian's
 * janitor plan (`simian plan janitor`, the built CLI) against Cloud Custodian (`custodian run
 * --dryrun`) running the equivalent policies (`test/bench/janitor/custodian-policies.yml`). Both
 * reach moto through a counting proxy (`test/bench/janitor/api-counter.ts`), so API calls are
 * counted the same way for both. Runs the tools in turn, `--runs` times each, and writes the
 * median wall time and the calls into docs/performance.md between `<!-- bench:janitor -->` and
 * `<!-- /bench:janitor -->`.
 *
 *   npx turbo run build   # the CLI runs from dist, as users run it
 *   node --conditions=@simian/source --import tsx test/bench/janitor-vs-custodian.ts
 *     [--volumes 5000] [--snapshots 5000] [--addresses 500] [--groups 500] [--runs 3] [--no-write]
 *
 * Starts its own moto server (the sandbox's toolchain builds moto and c7n into ~/.cache/simian).
 */
import { execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  replayOneAtATime,
  startApiCounter,
  totalOf,
  type CallCounts,
  type CallTimes,
} from './janitor/api-counter.js';
import { measure, type Measurement } from './measure.js';
import { writePerformanceSection } from './performance-doc.js';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const POLICIES = join(ROOT, 'test/bench/janitor/custodian-policies.yml');
const SEED = join(ROOT, 'test/bench/janitor/seed_estate.py');
const CLI = join(ROOT, 'packages/cli/bin/simian.js');

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1]! : fallback;
};
const estate = {
  volumes: Number(option('volumes', '5000')),
  snapshots: Number(option('snapshots', '5000')),
  addresses: Number(option('addresses', '500')),
  groups: Number(option('groups', '500')),
};
const runs = Number(option('runs', '3'));
const write = !args.includes('--no-write');

const say = (line: string) => process.stderr.write(`[bench:janitor] ${line}\n`);

/** Simian's rule and Custodian's policy for the same question. */
const PAIRS = [
  { rule: 'aws-unattached-volume', policy: 'unattached-volumes', what: 'unattached EBS volumes' },
  { rule: 'aws-orphan-snapshot', policy: 'orphan-snapshots', what: 'snapshots behind no AMI' },
  {
    rule: 'aws-unassociated-address',
    policy: 'unassociated-addresses',
    what: 'unassociated Elastic IPs',
  },
  {
    rule: 'aws-unused-security-group',
    policy: 'unused-security-groups',
    what: 'unused security groups',
  },
] as const;

/** What the seed made, as it printed it. */
interface Seeded {
  instances: number;
  volumes: number;
  attachedVolumes: number;
  snapshots: number;
  snapshotsBehindAmi: number;
  addresses: number;
  associatedAddresses: number;
  groups: number;
  groupsOnInterface: number;
  groupsNamedByGroup: number;
}

interface Run {
  m: Measurement;
  calls: number;
  findings: Record<string, number>;
}

async function main(): Promise<void> {
  const bins = toolBins();
  const work = await mkdtemp(join(tmpdir(), 'simian-bench-janitor-'));
  const port = await freePort();
  say(`starting moto on port ${port}`);
  const moto = spawn(join(bins.moto, 'moto_server'), ['-H', '127.0.0.1', '-p', String(port)], {
    env: { ...process.env, MOTO_EC2_LOAD_DEFAULT_AMIS: 'false' },
    stdio: 'ignore',
  });
  try {
    const upstream = `http://127.0.0.1:${port}`;
    await waitForMoto(upstream);
    say(`seeding ${JSON.stringify(estate)}`);
    const seedStarted = performance.now();
    const seeded = JSON.parse(
      execFileSync(
        join(bins.moto, 'python'),
        [
          SEED,
          upstream,
          String(estate.volumes),
          String(estate.snapshots),
          String(estate.addresses),
          String(estate.groups),
        ],
        { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 20 },
      ),
    ) as Seeded;
    const seedSeconds = (performance.now() - seedStarted) / 1000;
    say(`seeded in ${seedSeconds.toFixed(0)} s`);

    const counter = await startApiCounter(upstream, MOTO_GAPS);
    const config = join(work, 'simian.yaml');
    await writeFile(config, simianConfig(counter.endpoint));
    const load = { before: loadavg()[0]!, after: 0 };
    const simianRuns: Run[] = [];
    const custodianRuns: Run[] = [];
    for (let i = 0; i < runs; i++) {
      simianRuns.push(await runSimian(work, counter, `simian-${i}`));
      custodianRuns.push(await runCustodian(work, bins.c7n, counter, `custodian-${i}`));
    }
    load.after = loadavg()[0]!;
    await counter.close();
    // The floor: each tool's first run's requests, sent again to moto one at a time with nothing
    // else running and their answers left unparsed.
    say("replaying each tool's requests to moto one at a time");
    const alone = {
      simian: await replayOneAtATime(upstream, counter.recorded.get('simian-0') ?? [], MOTO_GAPS),
      custodian: await replayOneAtATime(
        upstream,
        counter.recorded.get('custodian-0') ?? [],
        MOTO_GAPS,
      ),
    };

    const report = render({
      seeded,
      seedSeconds,
      simian: simianRuns,
      custodian: custodianRuns,
      counts: counter.counts,
      times: counter.times,
      alone,
      load,
      versions: bins.versions,
    });
    process.stdout.write(`${report}\n`);
    if (write) {
      await writePerformanceSection(join(ROOT, 'docs/performance.md'), 'janitor', report);
      say('wrote docs/performance.md (section bench:janitor)');
    }
  } finally {
    moto.kill();
    await rm(work, { recursive: true, force: true });
  }
}

/** Only the four rules Custodian's policies ask the same of; every finding counts at once. */
function simianConfig(endpoint: string): string {
  const rules = [
    ...PAIRS.map((p) => `      ${p.rule}: { after: 0s }`),
    ...[
      'aws-unused-image',
      'aws-stopped-instance',
      'aws-empty-scaling-group',
      'aws-empty-bucket',
      'aws-ttl',
    ].map((id) => `      ${id}: { enabled: false }`),
  ];
  return `version: 1
store: { path: simian.db }
log: { level: warn }
targets:
  aws:
    - region: us-east-1
      endpoint: ${endpoint}
monkeys:
  janitor:
    enabled: true
    rules:
${rules.join('\n')}
`;
}

/**
 * Calls moto 5.2.5 answers with a 500 (not implemented), answered by the proxy as AWS would for
 * this estate. DescribeSecurityGroupReferences lists references from peered VPCs: the estate has
 * no peering, so AWS answers an empty set. Custodian's `unused` filter asks it of every unused group.
 */
const MOTO_GAPS = {
  'ec2:DescribeSecurityGroupReferences':
    '<?xml version="1.0" encoding="UTF-8"?>\n<DescribeSecurityGroupReferencesResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>simian-bench</requestId><securityGroupReferenceSet/></DescribeSecurityGroupReferencesResponse>',
};

const AWS_ENV = {
  AWS_ACCESS_KEY_ID: 'testing',
  AWS_SECRET_ACCESS_KEY: 'testing',
  AWS_DEFAULT_REGION: 'us-east-1',
  AWS_EC2_METADATA_DISABLED: 'true',
};

async function runSimian(
  work: string,
  counter: Awaited<ReturnType<typeof startApiCounter>>,
  phase: string,
): Promise<Run> {
  say(`${phase}: simian plan janitor`);
  counter.phase(phase);
  const out = join(work, `${phase}.json`);
  const env: NodeJS.ProcessEnv = { ...process.env, ...AWS_ENV, NO_COLOR: '1' };
  delete env['SIMIAN_CONFIG'];
  const m = await measure(process.execPath, [CLI, 'plan', 'janitor', '-o', 'json'], {
    cwd: work,
    stdoutFile: out,
    env,
  });
  if (m.exitCode !== 0) throw new Error(`simian plan janitor exited ${m.exitCode}`);
  type Named = { ruleId?: string; resource: { name: string } };
  const plan = JSON.parse(await readFile(out, 'utf8')) as {
    monkeys: Array<{
      monkey: string;
      gated: { findings: Named[]; allowed: Named[]; dropped: Array<{ action: Named }> };
    }>;
  };
  // What the janitor found unused: its findings (marked or ripe) and the resources it first sees
  // unused on this run (a first-seen mark: AWS does not say since when a volume or address is
  // unused, so `after` counts from that mark), each resource once per rule.
  const g = plan.monkeys.find((x) => x.monkey === 'janitor')?.gated;
  const found = new Map<string, Set<string>>();
  for (const f of [
    ...(g?.findings ?? []),
    ...(g?.allowed ?? []),
    ...(g?.dropped ?? []).map((d) => d.action),
  ]) {
    if (!f.ruleId) continue;
    const names = found.get(f.ruleId) ?? new Set<string>();
    found.set(f.ruleId, names.add(f.resource.name));
  }
  const findings = Object.fromEntries([...found].map(([rule, names]) => [rule, names.size]));
  return { m, calls: totalOf(counter.counts.get(phase)), findings };
}

async function runCustodian(
  work: string,
  c7n: string,
  counter: Awaited<ReturnType<typeof startApiCounter>>,
  phase: string,
): Promise<Run> {
  say(`${phase}: custodian run --dryrun`);
  counter.phase(phase);
  const outDir = join(work, phase);
  const m = await measure(
    join(c7n, 'custodian'),
    ['run', '--dryrun', '--cache-period', '0', '-r', 'us-east-1', '-s', outDir, POLICIES],
    {
      cwd: work,
      stdoutFile: join(work, `${phase}.log`),
      env: { ...process.env, ...AWS_ENV, AWS_ENDPOINT_URL: counter.endpoint },
    },
  );
  if (m.exitCode !== 0) throw new Error(`custodian run exited ${m.exitCode}`);
  const findings: Record<string, number> = {};
  for (const p of PAIRS) {
    const resources = JSON.parse(
      await readFile(join(outDir, p.policy, 'resources.json'), 'utf8'),
    ) as unknown[];
    findings[p.rule] = resources.length;
  }
  return { m, calls: totalOf(counter.counts.get(phase)), findings };
}

function toolBins(): { moto: string; c7n: string; versions: Record<string, string> } {
  const out = execFileSync(
    'bash',
    [join(ROOT, 'packages/sandbox/toolchain/build.sh'), 'moto', 'c7n'],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const dirs = Object.fromEntries(
    out
      .trim()
      .split('\n')
      .map((l) => l.split('=') as [string, string]),
  );
  const versions = Object.fromEntries(
    readFileSync(join(ROOT, 'packages/sandbox/toolchain/versions.env'), 'utf8')
      .split('\n')
      .filter((l) => /^(MOTO|C7N)_VERSION=/.test(l))
      .map((l) => l.split('=') as [string, string]),
  );
  return { moto: dirs['moto']!, c7n: dirs['c7n']!, versions };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

async function waitForMoto(url: string): Promise<void> {
  for (let i = 0; i < 300; i++) {
    try {
      const r = await fetch(`${url}/moto-api/`);
      if (r.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`moto did not answer at ${url}`);
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
};

function render(ctx: {
  seeded: Seeded;
  seedSeconds: number;
  simian: Run[];
  custodian: Run[];
  counts: CallCounts;
  times: CallTimes;
  alone: { simian: Map<string, number>; custodian: Map<string, number> };
  load: { before: number; after: number };
  versions: Record<string, string>;
}): string {
  const n = (x: number, digits = 0) =>
    x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  const s = ctx.seeded;
  const tools = [
    { name: 'Simian', how: '`simian plan janitor -o json` (built CLI)', runs: ctx.simian },
    {
      name: `Cloud Custodian ${ctx.versions['C7N_VERSION']}`,
      how: '`custodian run --dryrun --cache-period 0`',
      runs: ctx.custodian,
    },
  ].map((t) => ({
    ...t,
    wall: median(t.runs.map((r) => r.m.wallMs)),
    cpu: median(t.runs.map((r) => r.m.cpuMs)),
    rss: median(t.runs.map((r) => r.m.peakRssMiB)),
    calls: [...new Set(t.runs.map((r) => r.calls))],
  }));
  const [simian, custodian] = tools as [(typeof tools)[0], (typeof tools)[0]];
  const callsOf = (phase: string) => [...(ctx.counts.get(phase) ?? new Map<string, number>())];
  const byAction = (prefix: string) => {
    const tally = new Map<string, number>();
    for (const [k, v] of callsOf(`${prefix}-0`)) tally.set(k, (tally.get(k) ?? 0) + v);
    return [...tally].sort(([a], [b]) => a.localeCompare(b));
  };
  const actions = [
    ...new Set([...byAction('simian'), ...byAction('custodian')].map(([k]) => k)),
  ].sort();
  const simianActions = new Map(byAction('simian'));
  const custodianActions = new Map(byAction('custodian'));
  // moto's time to answer each call in the first run of each tool: what neither tool controls.
  const serverMs = (phase: string, action?: string) =>
    [...(ctx.times.get(phase) ?? new Map<string, number>())]
      .filter(([k]) => action === undefined || k === action)
      .reduce((sum, [, ms]) => sum + ms, 0);
  const aloneMs = (tool: 'simian' | 'custodian', action?: string) =>
    [...ctx.alone[tool]]
      .filter(([k]) => action === undefined || k === action)
      .reduce((sum, [, ms]) => sum + ms, 0);
  const secs = (ms: number) => (ms > 0 ? `${n(ms / 1000, 2)} s` : '–');
  const expected: Record<string, number> = {
    'aws-unattached-volume': s.volumes - s.attachedVolumes,
    'aws-orphan-snapshot': s.snapshots - s.snapshotsBehindAmi,
    'aws-unassociated-address': s.addresses - s.associatedAddresses,
    'aws-unused-security-group': s.groups - s.groupsOnInterface - s.groupsNamedByGroup,
  };
  const lines = [
    '## Janitor: Simian and Cloud Custodian on the same moto estate',
    '',
    `Written by \`npm run bench:janitor\` (\`test/bench/janitor-vs-custodian.ts\`) on ${new Date().toISOString().slice(0, 10)}:`,
    `${cpus()[0]?.model.trim() ?? 'unknown CPU'}, ${cpus().length} cores, Node ${process.version}, moto ${ctx.versions['MOTO_VERSION']} (PyPI),`,
    `Cloud Custodian (\`c7n\`) ${ctx.versions['C7N_VERSION']} (PyPI), both built by \`packages/sandbox/toolchain/build.sh\`.`,
    `Load average (1 min) ${n(ctx.load.before, 1)} before and ${n(ctx.load.after, 1)} after: the machine is shared, so wall`,
    'times count waits for a core; the tools ran in turn, never together, and CPU time is the steadier figure.',
    '',
    `Estate (us-east-1, seeded in ${n(ctx.seedSeconds)} s): ${n(s.volumes)} EBS volumes (${n(s.attachedVolumes)} attached to ${n(s.instances)} instances),`,
    `${n(s.snapshots)} snapshots (${n(s.snapshotsBehindAmi)} behind an AMI, made by moto's RegisterImage), ${n(s.addresses)} Elastic IPs (${n(s.associatedAddresses)} associated),`,
    `${n(s.groups)} security groups (${n(s.groupsOnInterface)} on a network interface, ${n(s.groupsNamedByGroup)} named by another group's rule), plus moto's default VPC.`,
    '',
    'Both answer the same four questions: Simian with the rules `aws-unattached-volume`,',
    '`aws-orphan-snapshot`, `aws-unassociated-address` and `aws-unused-security-group` (`after: 0s`, every',
    'other rule off), Custodian with `test/bench/janitor/custodian-policies.yml` (filters `Attachments: []`,',
    '`unused` snapshots, `AssociationId: absent`, `unused` security groups). Each reaches moto through',
    'a proxy that counts the calls as they arrive. Median of',
    `${runs} run(s) each, each a fresh process.`,
    '',
    '| tool | how | wall time | CPU time | peak RSS | API calls |',
    '| --- | --- | ---: | ---: | ---: | ---: |',
    ...tools.map(
      (t) =>
        `| ${t.name} | ${t.how} | ${n(t.wall / 1000, 2)} s | ${Number.isNaN(t.cpu) ? 'n/a' : `${n(t.cpu / 1000, 2)} s`} | ${n(t.rss)} MiB | ${t.calls.map((c) => n(c)).join(' / ')} |`,
    ),
    '',
    `Simian took ${n((simian.wall / custodian.wall) * 100)} % of Custodian's wall time (aim: at most 50 %), ${n((simian.cpu / custodian.cpu) * 100)} % of its CPU time,`,
    `and made ${n(Math.max(...simian.calls))} API calls to Custodian's ${n(Math.min(...custodian.calls))} (aim: no more).`,
    '',
    '| finding | expected | Simian | Custodian |',
    '| --- | ---: | ---: | ---: |',
    ...PAIRS.map(
      (p) =>
        `| ${p.what} | ${n(expected[p.rule]!)} | ${n(ctx.simian[0]?.findings[p.rule] ?? 0)} | ${n(ctx.custodian[0]?.findings[p.rule] ?? 0)} |`,
    ),
    '',
    `Of the first run's wall time, moto spent ${secs(serverMs('simian-0'))} answering Simian's calls and`,
    `${secs(serverMs('custodian-0'))} answering Custodian's (from the request reaching the proxy to the`,
    "response's last byte; calls made at once overlap).",
    '',
    'moto alone, answering the same requests again one at a time with nothing else running (the answers',
    `read but not parsed), needs ${secs(aloneMs('simian'))} for Simian's and ${secs(aloneMs('custodian'))} for Custodian's: the least any`,
    `client asking them waits. Half of Custodian's wall time is ${n(custodian.wall / 2000, 2)} s;`,
    aloneMs('simian') > custodian.wall / 2
      ? "moto's own time to answer the lists is longer than that, so on this server no client reading them can meet the aim."
      : "moto's own time to answer the lists is shorter than that.",
    `Beyond moto's time alone, Simian's run took ${n((simian.wall - aloneMs('simian')) / 1000, 2)} s and Custodian's ${n((custodian.wall - aloneMs('custodian')) / 1000, 2)} s.`,
    '',
    "API calls of one run, by service and action, with moto's time to answer them in the run, and alone:",
    '',
    '| call | Simian | moto time | alone | Custodian | moto time | alone |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...actions.map(
      (a) =>
        `| \`${a}\` | ${n(simianActions.get(a) ?? 0)} | ${secs(serverMs('simian-0', a))} | ${secs(aloneMs('simian', a))} | ${n(custodianActions.get(a) ?? 0)} | ${secs(serverMs('custodian-0', a))} | ${secs(aloneMs('custodian', a))} |`,
    ),
  ];
  return lines.join('\n');
}

await main();
