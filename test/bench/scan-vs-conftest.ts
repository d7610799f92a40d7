/**
 * Scan benchmark (issue 6): 50,000 generated Kubernetes manifests through the built-in rules,
 * Simian (`scanManifests`, OPA wasm in process) against `conftest test` (one document at a time,
 * and `--combine`) and `opa eval`, on the same files and the same Rego, one tool at a time in one
 * run. Reports wall time, throughput, CPU time and peak memory of each, and writes them into
 * docs/performance.md between `<!-- bench:scan -->` and `<!-- /bench:scan -->`.
 *
 *   node --conditions=@simian/source --import tsx test/bench/scan-vs-conftest.ts
 *     [--count 50000] [--per-file 100] [--only simian,conftest,conftest-combine,opa]
 *     [--no-write] [--keep]
 *
 * CPU heavy (minutes on 2 cores): run it on a quiet machine, and not more often than needed.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { manifest } from './generate-manifests.js';
import { measure, type Measurement } from './measure.js';
import { writePerformanceSection } from './performance-doc.js';
import { toYaml } from './to-yaml.js';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const REGO = join(ROOT, 'test/bench/rego');
const TOOLS = ['simian', 'conftest', 'conftest-combine', 'opa'] as const;
type Tool = (typeof TOOLS)[number];

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1]! : fallback;
};
const count = Number(option('count', '50000'));
const perFile = Number(option('per-file', '100'));
const only = new Set(option('only', TOOLS.join(',')).split(',') as Tool[]);
const write = !args.includes('--no-write');
const keep = args.includes('--keep');

const say = (line: string) => process.stderr.write(`[bench:scan] ${line}\n`);

/** One tool's figures. */
interface Row {
  tool: string;
  how: string;
  m: Measurement;
  findings: number;
}

async function main(): Promise<void> {
  const work = await mkdtemp(join(tmpdir(), 'simian-bench-scan-'));
  try {
    const dir = join(work, 'manifests');
    const opaInput = join(work, 'opa-input.json');
    say(`generating ${count} manifests in ${Math.ceil(count / perFile)} files under ${dir}`);
    const bytes = await generate(dir, opaInput);
    const bin = toolBins();
    const policyFiles = await regoSources(join(ROOT, 'policies'));
    const rows: Row[] = [];
    const load = { before: loadavg()[0]!, after: 0 };

    if (only.has('simian')) rows.push(await runSimian(work, dir));
    if (only.has('conftest'))
      rows.push(await runConftest(work, dir, bin.conftest, policyFiles, false));
    if (only.has('conftest-combine')) {
      rows.push(await runConftest(work, dir, bin.conftest, policyFiles, true));
    }
    if (only.has('opa')) rows.push(await runOpa(work, opaInput, bin.opa, policyFiles));
    load.after = loadavg()[0]!;

    const report = render(rows, { bytes, bin, policyFiles, load });
    process.stdout.write(`${report}\n`);
    if (write) {
      await writePerformanceSection(join(ROOT, 'docs/performance.md'), 'scan', report);
      say('wrote docs/performance.md (section bench:scan)');
    }
  } finally {
    if (keep) say(`kept ${work}`);
    else await rm(work, { recursive: true, force: true });
  }
}

/** Writes the manifests as YAML files, and the same objects as opa's JSON input. */
async function generate(dir: string, opaInput: string): Promise<number> {
  await mkdir(dir, { recursive: true });
  const combined: Array<{ path: string; contents: unknown }> = [];
  let bytes = 0;
  for (let start = 0, file = 0; start < count; start += perFile, file++) {
    const path = join(dir, `manifests-${String(file).padStart(4, '0')}.yaml`);
    const docs = [];
    for (let i = start; i < Math.min(count, start + perFile); i++) docs.push(manifest(i));
    const text = `${docs.map((d) => `---\n${toYaml(d)}`).join('\n')}\n`;
    bytes += Buffer.byteLength(text);
    await writeFile(path, text);
    for (const contents of docs) combined.push({ path, contents });
  }
  await writeFile(opaInput, JSON.stringify(combined));
  return bytes;
}

/** The opa and conftest binaries, built from the Go module proxy and cached by the sandbox's toolchain script. */
function toolBins(): { opa: string; conftest: string; versions: Record<string, string> } {
  const out = execFileSync(
    'bash',
    [join(ROOT, 'packages/sandbox/toolchain/build.sh'), 'conftest', 'opa'],
    {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    },
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
      .filter((l) => /^(OPA|CONFTEST)_VERSION=/.test(l))
      .map((l) => l.split('=') as [string, string]),
  );
  return {
    opa: join(dirs['opa']!, 'opa'),
    conftest: join(dirs['conftest']!, 'conftest'),
    versions,
  };
}

/** The rules' Rego without their tests (conftest and opa would compile the tests too). */
async function regoSources(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    const path = join(entry.parentPath, entry.name);
    if (entry.isFile() && path.endsWith('.rego') && !path.endsWith('_test.rego')) out.push(path);
  }
  return out.sort();
}

async function runSimian(work: string, dir: string): Promise<Row> {
  const script = join(ROOT, 'test/bench/scan-simian.ts');
  say('simian: scanManifests (OPA wasm, in process)');
  const out = join(work, 'simian.json');
  const m = await measure(
    process.execPath,
    ['--conditions=@simian/source', '--import', 'tsx', script, dir],
    { cwd: ROOT, stdoutFile: out },
  );
  const result = JSON.parse(await readFile(out, 'utf8')) as SimianFigures & { findings: number };
  simianFigures = result;
  return {
    tool: 'Simian',
    how: '`scanManifests` (what `simian scan` runs), OPA wasm in process',
    m,
    findings: result.findings,
  };
}

/** What the Simian process says about itself. */
interface SimianFigures {
  engineMs: number;
  scanMs: number;
  scanCpuMs: number;
  evaluateMs: number;
  evaluateCpuMs: number;
}
let simianFigures: SimianFigures | undefined;

async function runConftest(
  work: string,
  dir: string,
  conftest: string,
  policyFiles: string[],
  combine: boolean,
): Promise<Row> {
  const wrapper = join(REGO, combine ? 'combined.rego' : 'conftest_per_document.rego');
  const namespace = combine ? 'simian.bench.combined' : 'simian.bench.conftest';
  const argv = [
    'test',
    ...(combine ? ['--combine'] : []),
    '--no-color',
    '--output',
    'json',
    '--namespace',
    namespace,
    ...[...policyFiles, wrapper].flatMap((p) => ['--policy', p]),
    dir,
  ];
  commands.push(
    `conftest test ${combine ? '--combine ' : ''}--no-color --output json --namespace ${namespace} $RULES --policy ${relative(ROOT, wrapper)} $WORK/manifests`,
  );
  say(
    `conftest test${combine ? ' --combine' : ''} (one ${combine ? 'evaluation of all documents' : 'evaluation per document'})`,
  );
  const out = join(work, combine ? 'conftest-combine.json' : 'conftest.json');
  const m = await measure(conftest, argv, { cwd: ROOT, stdoutFile: out });
  const results = JSON.parse(await readFile(out, 'utf8')) as Array<{ failures?: unknown[] }>;
  const findings = results.reduce((n, r) => n + (r.failures?.length ?? 0), 0);
  return {
    tool: combine ? 'conftest test --combine' : 'conftest test',
    how: combine
      ? 'all documents as one input, `test/bench/rego/combined.rego`'
      : 'one document at a time, `test/bench/rego/conftest_per_document.rego`',
    m,
    findings,
  };
}

async function runOpa(
  work: string,
  input: string,
  opa: string,
  policyFiles: string[],
): Promise<Row> {
  const argv = [
    'eval',
    '--format',
    'json',
    ...[...policyFiles, join(REGO, 'combined.rego')].flatMap((p) => ['--data', p]),
    '--input',
    input,
    'data.simian.bench.combined.deny',
  ];
  commands.push(
    'opa eval --format json $(echo $RULES | sed s/--policy/--data/g) --data test/bench/rego/combined.rego --input $WORK/opa-input.json data.simian.bench.combined.deny',
  );
  say('opa eval (all documents as one JSON input)');
  const out = join(work, 'opa.json');
  const m = await measure(opa, argv, { cwd: ROOT, stdoutFile: out });
  const result = JSON.parse(await readFile(out, 'utf8')) as {
    result?: Array<{ expressions: Array<{ value: unknown[] }> }>;
  };
  const findings = result.result?.[0]?.expressions[0]?.value.length ?? 0;
  return {
    tool: 'opa eval',
    how: 'the same documents as one JSON input (no YAML), `test/bench/rego/combined.rego`',
    m,
    findings,
  };
}
const commands: string[] = [];

function render(
  rows: Row[],
  ctx: {
    bytes: number;
    bin: ReturnType<typeof toolBins>;
    policyFiles: string[];
    load: { before: number; after: number };
  },
): string {
  const n = (x: number, digits = 0) =>
    x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  const simian = rows.find((r) => r.tool === 'Simian');
  const lines = [
    '## Scanning manifests: Simian, conftest and opa eval',
    '',
    `Written by \`npm run bench:scan\` (\`test/bench/scan-vs-conftest.ts\`) on ${new Date().toISOString().slice(0, 10)}:`,
    `${cpus()[0]?.model.trim() ?? 'unknown CPU'}, ${cpus().length} cores, Node ${process.version},`,
    `OPA ${ctx.bin.versions['OPA_VERSION']} and conftest ${ctx.bin.versions['CONFTEST_VERSION']} (from the Go module proxy, \`packages/sandbox/toolchain/build.sh\`).`,
    `Load average (1 min) ${n(ctx.load.before, 1)} before and ${n(ctx.load.after, 1)} after: the machine is shared, so`,
    'figures taken under load are slower for every tool alike, one tool running at a time. CPU time is',
    'the steadier figure there: wall time also counts the waits for a core.',
    '',
    `Input: ${n(count)} generated Kubernetes documents (\`test/bench/generate-manifests.ts\`: 200 Namespaces,`,
    'then half Deployments, a third Services, PodDisruptionBudgets and StatefulSets; some break a rule or',
    `two) in ${n(Math.ceil(count / perFile))} YAML files of ${perFile} documents, ${n(ctx.bytes / 1024 / 1024, 1)} MiB. Rules: the built-in Rego of \`policies/\`,`,
    `${ctx.policyFiles.length} files without their tests, for all four.`,
    '',
    '| tool | how | wall time | resources/s | CPU time | peak RSS | findings |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map(
      (r) =>
        `| ${r.tool} | ${r.how} | ${n(r.m.wallMs / 1000, 1)} s | ${n(count / (r.m.wallMs / 1000))} | ${Number.isNaN(r.m.cpuMs) ? 'n/a' : `${n(r.m.cpuMs / 1000, 1)} s`} | ${n(r.m.peakRssMiB)} MiB | ${n(r.findings)} |`,
    ),
    '',
  ];
  if (simian && simianFigures) {
    const f = simianFigures;
    lines.push(
      "Simian's wall time is the whole process: Node's start, the TypeScript loaded through tsx, the wasm",
      `bundle (${n(f.engineMs)} ms), then the scan: ${n(f.scanMs / 1000, 1)} s (${n(f.scanCpuMs / 1000, 1)} s CPU), of which the rules' evaluation in`,
      `OPA wasm took ${n(f.evaluateMs / 1000, 1)} s (${n(f.evaluateCpuMs / 1000, 1)} s CPU, timed inside \`PolicyEngine.evaluate\`) and reading the YAML the rest.`,
      '',
    );
  }
  for (const r of rows.filter((x) => x !== simian && simian)) {
    const wall = r.m.wallMs / simian!.m.wallMs;
    const cpu = r.m.cpuMs / simian!.m.cpuMs;
    lines.push(
      `- ${r.tool}: ${n(wall, 1)}× Simian's wall time, ${Number.isNaN(cpu) ? 'n/a' : `${n(cpu, 1)}×`} its CPU time, ${n(r.m.peakRssMiB / simian!.m.peakRssMiB, 1)}× its peak memory.`,
    );
  }
  lines.push(
    '',
    'Findings: Simian, `conftest --combine` and `opa eval` evaluate the same rules over the same data',
    '(related PodDisruptionBudgets and Namespaces published as `data.inventory`), so their counts match.',
    '`conftest test` sees one document at a time: the rules that look up related resources cannot',
    'find the PodDisruptionBudgets and Namespaces of other documents, so it reports more.',
    '',
    `Peak memory by ${rows[0]?.m.via === 'gnu-time' ? '`/usr/bin/time -v` (maximum resident set size)' : 'polling VmHWM in /proc/<pid>/status'}. What ran (\`$WORK\` is a temporary directory):`,
    '',
    '```sh',
    `RULES="${ctx.policyFiles.map((f) => `--policy ${relative(ROOT, f)}`).join(' ')}"`,
    'node --conditions=@simian/source --import tsx test/bench/scan-simian.ts $WORK/manifests',
    ...commands,
    '```',
  );
  return lines.join('\n');
}

await main();
