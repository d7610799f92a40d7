/**
 * Start-up, side by side in one run: `node -e 0` (the floor), `simian --help`, a one-file
 * `simian scan`, `simian schema` and `simian validate` from the built CLI (dist, as users run it),
 * against `kubectl --help` and a one-file `conftest test`. Each command runs `--runs` times
 * (default 7), interleaved, and the median is kept: the machine is shared, so the ratio to
 * `node -e 0` measured in the same run is the figure that travels. Writes docs/performance.md.
 *
 *   npx turbo run build && node --conditions=@simian/source --import tsx test/bench/startup.ts [--runs 7]
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { measure, type Measurement } from './measure.js';
import { writePerformanceSection } from './performance-doc.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const args = process.argv.slice(2);
const runs = Number(args[args.indexOf('--runs') + 1] ?? 7) || 7;
const write = !args.includes('--no-write');
const say = (line: string) => process.stderr.write(`[bench:startup] ${line}\n`);

const SIMIAN = join(ROOT, 'packages/cli/bin/simian.js');
if (!existsSync(join(ROOT, 'packages/cli/dist/main.js'))) {
  throw new Error('build first: npx turbo run build');
}
const ONE_FILE = join(ROOT, 'deploy/kubernetes/chaos.yaml');
const CONFIG = join(ROOT, 'test/fuzz/seeds/simian.yaml');

function toolDirs(): Record<string, string> {
  const out = execFileSync(
    'bash',
    [join(ROOT, 'packages/sandbox/toolchain/build.sh'), 'conftest', 'kubectl'],
    {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  return Object.fromEntries(
    out
      .trim()
      .split('\n')
      .map((l) => l.split('=') as [string, string]),
  );
}

async function regoSources(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true, recursive: true })) {
    const path = join(entry.parentPath, entry.name);
    if (entry.isFile() && path.endsWith('.rego') && !path.endsWith('_test.rego')) out.push(path);
  }
  return out.sort();
}

interface Subject {
  name: string;
  command: string;
  args: string[];
  /** The aim, as a multiple of `node -e 0`. */
  aim?: number;
}

async function main(): Promise<void> {
  const dirs = toolDirs();
  const policies = await regoSources(join(ROOT, 'policies'));
  const wrapper = join(ROOT, 'test/bench/rego/conftest_per_document.rego');
  const subjects: Subject[] = [
    { name: '`node -e 0`', command: process.execPath, args: ['-e', '0'] },
    { name: '`simian --help`', command: process.execPath, args: [SIMIAN, '--help'], aim: 4 },
    {
      name: '`simian scan` one file',
      command: process.execPath,
      args: [SIMIAN, 'scan', ONE_FILE],
      aim: 10,
    },
    { name: '`simian schema`', command: process.execPath, args: [SIMIAN, 'schema'] },
    {
      name: '`simian completion bash`',
      command: process.execPath,
      args: [SIMIAN, 'completion', 'bash'],
    },
    {
      name: '`simian validate` (every feature)',
      command: process.execPath,
      args: [SIMIAN, 'validate', CONFIG],
    },
    { name: '`kubectl --help`', command: join(dirs['kubectl']!, 'kubectl'), args: ['--help'] },
    {
      name: '`conftest test` one file',
      command: join(dirs['conftest']!, 'conftest'),
      args: [
        'test',
        '--no-color',
        '--namespace',
        'simian.bench.conftest',
        ...[...policies, wrapper].flatMap((p) => ['--policy', p]),
        ONE_FILE,
      ],
    },
  ];
  const work = await mkdtemp(join(tmpdir(), 'simian-bench-startup-'));
  const results = new Map<string, Measurement[]>(subjects.map((s) => [s.name, []]));
  try {
    // Warm the page cache once, then interleave, so a busy moment hurts every subject alike.
    for (const s of subjects)
      await measure(s.command, s.args, { cwd: ROOT, stdoutFile: join(work, 'out') });
    for (let i = 0; i < runs; i++) {
      say(`round ${i + 1} of ${runs}`);
      for (const s of subjects) {
        const m = await measure(s.command, s.args, { cwd: ROOT, stdoutFile: join(work, 'out') });
        results.get(s.name)!.push(m);
      }
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const floor = median(results.get(subjects[0]!.name)!.map((m) => m.wallMs));
  const cpuFloor = median(results.get(subjects[0]!.name)!.map((m) => m.cpuMs));
  const rows = subjects.map((s) => {
    const ms = results.get(s.name)!;
    const wall = median(ms.map((m) => m.wallMs));
    const ratio = wall / floor;
    const cpu = median(ms.map((m) => m.cpuMs));
    const aim = s.aim === undefined ? '' : `${s.aim}× (${ratio <= s.aim ? 'met' : 'missed'})`;
    return `| ${s.name} | ${Math.round(wall)} ms | ${ratio.toFixed(1)}× | ${Math.round(cpu)} ms | ${(cpu / cpuFloor).toFixed(1)}× | ${median(ms.map((m) => m.peakRssMiB)).toFixed(0)} MiB | ${aim} |`;
  });
  const table = [
    '| command | wall (median) | × `node -e 0` | CPU (user+sys) | CPU × `node -e 0` | peak RSS | aim (wall) |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n');
  process.stdout.write(`${table}\n`);
  let load = '';
  try {
    load = execFileSync('cat', ['/proc/loadavg'], { encoding: 'utf8' })
      .split(' ')
      .slice(0, 3)
      .join(' ');
  } catch {
    // Not Linux: no load figure.
  }
  if (write) {
    await writePerformanceSection(
      join(ROOT, 'docs/performance.md'),
      'startup',
      `## CLI start-up

\`npx turbo run build && node --conditions=@simian/source --import tsx test/bench/startup.ts --runs ${runs}\`
(${new Date().toISOString().slice(0, 10)}, Node ${process.version}, 2 shared cores, load average ${load || 'unknown'}).
The built CLI (\`packages/cli/bin/simian.js\`, as users run it), each command ${runs} times,
interleaved, medians. The machine is shared, so absolute times move from run to run; the ratio
to \`node -e 0\` of the same run is the figure to compare. \`simian --help\`, \`schema\`,
\`completion\` and \`scan\` load no provider, no SDK and no sandbox: each command imports what it
needs when it runs (\`await import()\`), and ESLint keeps every file of the CLI from importing
another package at its top. \`validate\` reads a config, so it loads every feature (both SDKs).

${table}`,
    );
  }
}

await main();
