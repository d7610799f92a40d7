/**
 * Security peers benchmark (issue 14): Simian's security rules, kube-score and Checkov on the same
 * labelled corpus (test/bench/security-corpus/corpus.yaml): Simian's own rule fixtures and the
 * peers' own documented examples. Polaris cannot be run (the Go module proxy refuses its module);
 * its checks are listed as its docs describe them. Writes, for each problem, which tool flags it
 * (and how often on its cases), what each tool flags on the passing twins, and the time each
 * takes, into docs/performance.md between `<!-- bench:security-peers -->` markers.
 *
 *   node --conditions=@simian/source --import tsx test/bench/security-peers.ts [--no-write] [--keep]
 *
 * kube-score and Checkov come from packages/sandbox/toolchain/build.sh (cached by version).
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, parseAllDocuments, stringify } from 'yaml';
import { measure, type Measurement } from './measure.js';
import { writePerformanceSection } from './performance-doc.js';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const CORPUS = join(ROOT, 'test/bench/security-corpus');
const FIXTURES = join(ROOT, 'packages/policy/test/fixtures/rules');
const args = process.argv.slice(2);
const write = !args.includes('--no-write');
const keep = args.includes('--keep');
const say = (line: string) => process.stderr.write(`[bench:security-peers] ${line}\n`);

type Tool = 'simian' | 'kube-score' | 'checkov';
const TOOLS: Tool[] = ['simian', 'kube-score', 'checkov'];
interface Problem {
  title: string;
  simian?: string[];
  'kube-score'?: string[];
  checkov?: string[];
  polaris?: string[];
}
interface Corpus {
  problems: Record<string, Problem>;
  'simian-fixtures': Record<string, string>;
  'peer-examples': Record<string, string>;
}
interface Case {
  /** The file in the work folder. */
  file: string;
  source: string;
  problem: string;
  /** A passing twin: nothing of the problem should be flagged. */
  twin: boolean;
}

/** Kinds without a namespace (as `simian scan` and the API server treat them). */
const CLUSTER_SCOPED = new Set([
  'Namespace',
  'ClusterRole',
  'ClusterRoleBinding',
  'Node',
  'PersistentVolume',
]);

/**
 * One case's documents, their namespaces renamed to ones of the case's own (`c007-shop`), so no
 * case sees another's NetworkPolicies, ServiceAccounts or bindings, while two namespaces of one
 * case stay two. The committed files stay as they are.
 */
function isolate(text: string, index: number): string {
  const prefix = `c${String(index).padStart(3, '0')}`;
  const rename = (ns: string) => `${prefix}-${ns}`.slice(0, 63);
  const docs = parseAllDocuments(text).map((d) => d.toJS() as Record<string, unknown> | null);
  const out: Array<Record<string, unknown>> = [];
  for (const doc of docs) {
    if (!doc || typeof doc !== 'object' || !doc['kind']) continue;
    const meta = ((doc['metadata'] as Record<string, unknown>) ??= {});
    if (doc['kind'] === 'Namespace') meta['name'] = rename(String(meta['name']));
    else if (!CLUSTER_SCOPED.has(String(doc['kind']))) {
      meta['namespace'] = rename(
        typeof meta['namespace'] === 'string' ? meta['namespace'] : 'default',
      );
    }
    for (const s of (doc['subjects'] as Array<Record<string, unknown>> | undefined) ?? []) {
      if (typeof s['namespace'] === 'string') s['namespace'] = rename(s['namespace']);
    }
    out.push(doc);
  }
  return out.map((d) => `---\n${stringify(d)}`).join('');
}

function toolBins(): { kubeScore: string; checkov: string; versions: Record<string, string> } {
  const out = execFileSync(
    'bash',
    [join(ROOT, 'packages/sandbox/toolchain/build.sh'), 'kube-score', 'checkov'],
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
      .filter((l) => /^(KUBE_SCORE|CHECKOV)_VERSION=/.test(l))
      .map((l) => l.split('=') as [string, string]),
  );
  return {
    kubeScore: join(dirs['kube-score']!, 'kube-score'),
    checkov: join(dirs['checkov']!, 'checkov'),
    versions,
  };
}

async function main(): Promise<void> {
  const corpus = parse(await readFile(join(CORPUS, 'corpus.yaml'), 'utf8')) as Corpus;
  const work = await mkdtemp(join(tmpdir(), 'simian-bench-security-'));
  const dir = join(work, 'corpus');
  await import('node:fs/promises').then((fs) => fs.mkdir(dir));
  const cases: Case[] = [];
  const add = async (path: string, source: string, problem: string, twin: boolean) => {
    const index = cases.length + 1;
    const file = `${String(index).padStart(3, '0')}-${source}-${basename(path).replace(/\.ya?ml$/, '')}.yaml`;
    await writeFile(join(dir, file), isolate(await readFile(path, 'utf8'), index));
    cases.push({ file, source, problem, twin });
  };
  for (const [rule, problem] of Object.entries(corpus['simian-fixtures'])) {
    await add(join(FIXTURES, rule, 'fail.yaml'), `simian-${rule}`, problem, false);
    await add(join(FIXTURES, rule, 'pass.yaml'), `simian-${rule}-twin`, problem, true);
  }
  for (const [path, problem] of Object.entries(corpus['peer-examples'])) {
    await add(join(CORPUS, path), path.split('/')[0]!, problem, false);
  }
  say(`${cases.length} cases (${cases.filter((c) => c.twin).length} passing twins) in ${dir}`);
  const bin = toolBins();
  const load = { before: loadavg()[0]!, after: 0 };
  const found: Record<Tool, Map<string, Set<string>>> = {
    simian: new Map(),
    'kube-score': new Map(),
    checkov: new Map(),
  };
  const times = {} as Record<Tool, Measurement>;
  const note = (tool: Tool, file: string, check: string) => {
    if (!found[tool].has(file)) found[tool].set(file, new Set());
    found[tool].get(file)!.add(check);
  };

  say('simian: scanManifests with the security rules (OPA wasm, in process)');
  times.simian = await measure(
    process.execPath,
    [
      '--conditions=@simian/source',
      '--import',
      'tsx',
      join(ROOT, 'test/bench/security-scan-simian.ts'),
      dir,
    ],
    { cwd: ROOT, stdoutFile: join(work, 'simian.json') },
  );
  const simian = JSON.parse(await readFile(join(work, 'simian.json'), 'utf8')) as {
    rules: number;
    byFile: Record<string, string[]>;
  };
  for (const [file, ids] of Object.entries(simian.byFile))
    for (const id of ids) note('simian', file, id);

  // One file per kube-score process: it gives up on the whole batch when one file has a field
  // of the wrong type (a Checkov example does, on purpose), and reports nothing for that file.
  say('kube-score score -o json, one file at a time (with its optional seccomp check)');
  const files = cases.map((c) => join(dir, c.file));
  const loop = `for f in "$@"; do ${JSON.stringify(bin.kubeScore)} score -o json --enable-optional-test container-seccomp-profile "$f" 2>/dev/null; echo; echo "#-- $f"; done`;
  times['kube-score'] = await measure('bash', ['-c', loop, 'kube-score', ...files], {
    cwd: work,
    stdoutFile: join(work, 'kube-score.json'),
  });
  const segments = (await readFile(join(work, 'kube-score.json'), 'utf8')).split(/^#-- .*$/m);
  for (const segment of segments) {
    if (!segment.trim().startsWith('[')) continue;
    const scored = JSON.parse(segment) as Array<{
      file_name: string;
      checks: Array<{ check: { id: string }; grade: number; skipped: boolean }>;
    }>;
    for (const o of scored) {
      for (const c of o.checks)
        if (!c.skipped && c.grade < 10) note('kube-score', basename(o.file_name), c.check.id);
    }
  }

  say('checkov -d --framework kubernetes (no network: --skip-download)');
  times.checkov = await measure(
    bin.checkov,
    [
      '-d',
      dir,
      '--framework',
      'kubernetes',
      '-o',
      'json',
      '--compact',
      '--quiet',
      '--skip-download',
    ],
    {
      cwd: work,
      stdoutFile: join(work, 'checkov.json'),
      env: { ...process.env, BC_SKIP_MAPPING: 'TRUE' },
    },
  );
  const raw = JSON.parse(await readFile(join(work, 'checkov.json'), 'utf8')) as unknown;
  const reports = (Array.isArray(raw) ? raw : [raw]) as Array<{
    results?: { failed_checks?: Array<{ check_id: string; file_path: string }> };
  }>;
  for (const r of reports)
    for (const c of r.results?.failed_checks ?? [])
      note('checkov', basename(c.file_path), c.check_id);
  load.after = loadavg()[0]!;

  const report = render(corpus, cases, found, times, { bin, load, rules: simian.rules });
  process.stdout.write(`${report}\n`);
  if (write) {
    await writePerformanceSection(join(ROOT, 'docs/performance.md'), 'security-peers', report);
    say('wrote docs/performance.md (section bench:security-peers)');
  }
  if (keep) say(`kept ${work}`);
  else await rm(work, { recursive: true, force: true });
}

function render(
  corpus: Corpus,
  cases: Case[],
  found: Record<Tool, Map<string, Set<string>>>,
  times: Record<Tool, Measurement>,
  ctx: { bin: ReturnType<typeof toolBins>; load: { before: number; after: number }; rules: number },
): string {
  const n = (x: number, digits = 0) =>
    x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  const flags = (tool: Tool, c: Case) => {
    const checks = corpus.problems[c.problem]?.[tool] ?? [];
    const seen = found[tool].get(c.file) ?? new Set();
    return checks.some((id) => seen.has(id));
  };
  const rows: string[] = [];
  const missedBySimian: string[] = [];
  const perTool = Object.fromEntries(TOOLS.map((t) => [t, 0])) as Record<Tool, number>;
  for (const [id, problem] of Object.entries(corpus.problems)) {
    const failing = cases.filter((c) => c.problem === id && !c.twin);
    const cell = (tool: Tool) => {
      if (!(problem[tool] ?? []).length) return '—';
      const hits = failing.filter((c) => flags(tool, c)).length;
      if (hits > 0) perTool[tool]++;
      return `${hits > 0 ? '✓' : '✗'} ${hits}/${failing.length}`;
    };
    const cells = TOOLS.map(cell);
    const peerFlags = failing.some((c) => flags('kube-score', c) || flags('checkov', c));
    const simianFlags = failing.some((c) => flags('simian', c));
    if (peerFlags && !simianFlags) missedBySimian.push(id);
    rows.push(
      `| ${problem.title} | ${failing.length} | ${cells.join(' | ')} | ${(problem.polaris ?? []).map((p) => `\`${p}\``).join(', ') || '—'} |`,
    );
  }
  const twins = cases.filter((c) => c.twin);
  const falsePositives = (tool: Tool) => twins.filter((c) => flags(tool, c)).map((c) => c.problem);
  const problems = Object.keys(corpus.problems).length;
  const peerCases = cases.filter((c) => !c.twin && !c.source.startsWith('simian')).length;
  const time = (t: Tool) => times[t];
  return [
    '## Security rules beside kube-score and Checkov',
    '',
    `Written by \`npm run bench:security-peers\` (\`test/bench/security-peers.ts\`) on ${new Date().toISOString().slice(0, 10)}:`,
    `${cpus()[0]?.model.trim() ?? 'unknown CPU'}, ${cpus().length} cores, Node ${process.version}; kube-score ${ctx.bin.versions['KUBE_SCORE_VERSION']} (Go module proxy),`,
    `Checkov ${ctx.bin.versions['CHECKOV_VERSION']} (PyPI), both built by \`packages/sandbox/toolchain/build.sh\`. Polaris is not run: the Go module`,
    'proxy refuses its module, so its column lists the checks its documentation (docs/checks/security.md)',
    'names for the problem, and nothing is claimed about what it would find.',
    '',
    `Corpus (\`test/bench/security-corpus/corpus.yaml\`): ${problems} labelled security problems in ${cases.length} files: the failing`,
    `fixture and its passing twin of each of Simian's ${Object.keys(corpus['simian-fixtures']).length} Kubernetes security rules, and ${peerCases} of the peers'`,
    "own documented examples (kube-score's testdata, Checkov's check examples), copied unchanged. Each file",
    "has its namespaces renamed to ones of its own before the run (`c007-shop`), so no case sees another's",
    'NetworkPolicies or bindings. A tool flags a case when one of the checks the corpus maps to the problem reports on that',
    'file; "—" means the tool has no check for the problem.',
    '',
    '| problem | cases | Simian | kube-score | Checkov | Polaris (docs) |',
    '| --- | ---: | --- | --- | --- | --- |',
    ...rows,
    '',
    `Problems flagged: Simian ${perTool.simian} of ${problems}, kube-score ${perTool['kube-score']}, Checkov ${perTool.checkov}.`,
    missedBySimian.length === 0
      ? 'Every problem that kube-score or Checkov flags on a case, Simian flags too.'
      : `Problems a peer flags and Simian does not: ${missedBySimian.join(', ')}.`,
    `On the ${twins.length} passing twins, the problem's own checks fired for: Simian ${falsePositives('simian').join(', ') || 'none'};`,
    `kube-score ${falsePositives('kube-score').join(', ') || 'none'}; Checkov ${falsePositives('checkov').join(', ') || 'none'}.`,
    '',
    `Time for the whole corpus, one tool at a time (load average ${n(ctx.load.before, 1)} before, ${n(ctx.load.after, 1)} after, on a shared`,
    'machine; most of each figure is the tool starting up):',
    '',
    '| tool | how | wall time | CPU time | peak RSS |',
    '| --- | --- | ---: | ---: | ---: |',
    `| Simian | \`scanManifests\` with the security monkey's ${ctx.rules} rules, OPA wasm in process (Node + tsx) | ${n(time('simian').wallMs / 1000, 1)} s | ${n(time('simian').cpuMs / 1000, 1)} s | ${n(time('simian').peakRssMiB)} MiB |`,
    `| kube-score | \`kube-score score -o json --enable-optional-test container-seccomp-profile FILE\`, one process per file | ${n(time('kube-score').wallMs / 1000, 1)} s | ${n(time('kube-score').cpuMs / 1000, 1)} s | ${n(time('kube-score').peakRssMiB)} MiB |`,
    `| Checkov | \`checkov -d DIR --framework kubernetes -o json --skip-download\` | ${n(time('checkov').wallMs / 1000, 1)} s | ${n(time('checkov').cpuMs / 1000, 1)} s | ${n(time('checkov').peakRssMiB)} MiB |`,
  ].join('\n');
}

await main();
