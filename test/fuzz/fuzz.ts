// The CLI fuzz suite: cases made by fast-check from a seed (so a failure is replayed by its seed
// and index), each run through the CLI as its process would (harness.ts), each judged by one
// property: exit 0, 1, 2 or 3 with a clear line, within the time bound, no stack trace, and no
// report or plan file left half-written.
import { execFileSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { canonicalJson, makePlanFile, type PlanFile, type RunResult } from '@simian/core';
import { createHash, createHmac } from 'node:crypto';
import { CliWorker, type CaseResult } from './harness.js';
import {
  applyByteEdits,
  applyStructuralEdits,
  byteEdits,
  flagValue,
  hostileTexts,
  parsedYaml,
  parsedYamlStream,
  structuralEdits,
  yamlOf,
  yamlStreamOf,
} from './inputs.js';

const SEEDS = new URL('./seeds/', import.meta.url);
const seed = (name: string) => readFileSync(new URL(name, SEEDS), 'utf8');
const PLAN_KEY = 'fuzz-plan-key-'.padEnd(40, 'k');

type Target = 'config' | 'experiment' | 'manifests' | 'plan';

/** One case, before it is written to disk. */
interface FuzzCase {
  target: Target;
  /** How the target's content is made. */
  content:
    | { kind: 'seed' }
    | { kind: 'bytes'; edits: Parameters<typeof applyByteEdits>[1] }
    | {
        kind: 'structure';
        edits: Parameters<typeof applyStructuralEdits>[1];
        reseal: 'none' | 'digest' | 'sign';
      }
    | { kind: 'hostile'; text: string | Buffer }
    | {
        kind: 'path';
        path: 'fifo' | '/dev/zero' | '/dev/null' | 'directory' | 'missing' | 'loop' | 'long';
      };
  /** Which command reads it, and its extra flags. */
  command: number;
  flags: string[];
  /** Whether the plan key is set for the case (plans only). */
  keyed: boolean;
  /** Whether `flags` replace the command's usual flag values (else the input is what is fuzzed). */
  oddFlags: boolean;
}

const COMMANDS: Record<Target, number> = { config: 4, experiment: 1, manifests: 2, plan: 1 };

const content: fc.Arbitrary<FuzzCase['content']> = fc.oneof(
  { weight: 1, arbitrary: fc.constant({ kind: 'seed' as const }) },
  { weight: 6, arbitrary: byteEdits.map((edits) => ({ kind: 'bytes' as const, edits })) },
  {
    weight: 6,
    arbitrary: fc.record({
      kind: fc.constant('structure' as const),
      edits: structuralEdits,
      reseal: fc.constantFrom('none' as const, 'digest' as const, 'sign' as const),
    }),
  },
  { weight: 2, arbitrary: hostileTexts.map((text) => ({ kind: 'hostile' as const, text })) },
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('path' as const),
      path: fc.constantFrom(
        'fifo' as const,
        '/dev/zero' as const,
        '/dev/null' as const,
        'directory' as const,
        'missing' as const,
        'loop' as const,
        'long' as const,
      ),
    }),
  },
);

export const fuzzCases: fc.Arbitrary<FuzzCase> = fc.record({
  target: fc.constantFrom<Target>(
    'config',
    'config',
    'experiment',
    'manifests',
    'manifests',
    'plan',
  ),
  content,
  command: fc.nat({ max: 3 }),
  flags: fc.array(flagValue, { minLength: 2, maxLength: 2 }),
  keyed: fc.boolean(),
  oddFlags: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
});

/** A fresh plan for the seed config, made now so it is not too old to apply. */
function freshPlan(): PlanFile {
  const now = new Date().toISOString();
  const result: RunResult = {
    runId: 'fuzz',
    status: 'completed',
    dryRun: true,
    startedAt: now,
    endedAt: now,
    incomplete: [],
    monkeys: [
      {
        monkey: 'chaos',
        outcomes: [],
        gated: {
          monkey: 'chaos',
          dryRun: true,
          findings: [],
          dropped: [],
          allowed: [
            {
              id: 'a1',
              monkey: 'chaos',
              verb: 'delete',
              resource: {
                ref: 'k8s:nowhere/shop/Pod/web-1',
                provider: 'kubernetes',
                kind: 'Pod',
                name: 'web-1',
                labels: {},
                namespace: 'shop',
              },
              reason: 'fuzz',
              reversible: false,
            },
          ],
        },
      },
    ],
  };
  return makePlanFile(result, 'simian.yaml');
}

function reseal(plan: Record<string, unknown>, how: 'none' | 'digest' | 'sign'): void {
  if (how === 'none' || typeof plan !== 'object' || plan === null || Array.isArray(plan)) return;
  const { digest: _d, signature: _s, ...body } = plan;
  plan['digest'] = `sha256:${createHash('sha256').update(canonicalJson(body)).digest('hex')}`;
  if (how === 'sign')
    plan['signature'] =
      `hmac-sha256:${createHmac('sha256', PLAN_KEY).update(canonicalJson(body)).digest('hex')}`;
}

const FILES: Record<Target, string> = {
  config: 'simian.yaml',
  experiment: 'experiment.yaml',
  manifests: 'manifests.yaml',
  plan: 'plan.json',
};

/** Writes the case's folder and returns what to run, and the files that must not be half-written. */
function materialize(
  c: FuzzCase,
  dir: string,
): { args: string[]; env: Record<string, string | undefined>; whole: string[] } {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'kubeconfig'), seed('kubeconfig'));
  const texts: Record<Target, string> = {
    config: seed('simian.yaml'),
    experiment: seed('experiment.yaml'),
    manifests: seed('manifests.yaml'),
    plan: `${JSON.stringify(freshPlan(), null, 2)}\n`,
  };
  for (const t of Object.keys(texts) as Target[]) writeFileSync(join(dir, FILES[t]), texts[t]);
  let path = join(dir, FILES[c.target]);
  const k = c.content;
  if (k.kind === 'bytes') writeFileSync(path, applyByteEdits(texts[c.target], k.edits));
  else if (k.kind === 'hostile') writeFileSync(path, k.text);
  else if (k.kind === 'structure') {
    const value =
      c.target === 'plan'
        ? (JSON.parse(texts.plan) as unknown)
        : c.target === 'manifests'
          ? parsedYamlStream(texts.manifests)
          : parsedYaml(texts[c.target]);
    const edited = applyStructuralEdits(value, k.edits);
    if (c.target === 'plan') reseal(edited as Record<string, unknown>, k.reseal);
    writeFileSync(
      path,
      c.target === 'plan'
        ? JSON.stringify(edited)
        : c.target === 'manifests'
          ? yamlStreamOf(edited)
          : yamlOf(edited),
    );
  } else if (k.kind === 'path') {
    rmSync(path, { force: true });
    if (k.path === 'fifo') execFileSync('mkfifo', [path]);
    else if (k.path === 'directory') mkdirSync(path);
    else if (k.path === 'loop') symlinkSync(path, path);
    else if (k.path === 'long') path = join(dir, 'x'.repeat(300), 'y'.repeat(5000));
    else if (k.path !== 'missing') path = k.path;
  }
  const config = c.target === 'config' ? path : join(dir, FILES.config);
  const out = join(dir, 'report.out');
  const planOut = join(dir, 'new-plan.json');
  const [a, b] = c.oddFlags ? c.flags : [undefined, undefined];
  const commands: Record<Target, string[][]> = {
    config: [
      ['validate', config],
      ['-c', config, 'schedule', '-n', a ?? '3', '--from', b ?? '2026-11-23T10:00:00Z'],
      ['-c', config, 'rbac', a ?? 'chaos'],
      ['-c', config, 'history', '--limit', a ?? '5'],
    ],
    experiment: [['experiment', 'validate', path, ...(a === undefined ? [] : [a])]],
    manifests: [
      ['scan', path, '--fail-on', a ?? 'high', '--output-file', out],
      ['scan', path, '-o', a ?? 'sarif', '--disable', b ?? 'K8S-HEALTH-*'],
    ],
    plan: [['-c', join(dir, FILES.config), 'apply', path]],
  };
  const args = commands[c.target][c.command % COMMANDS[c.target]]!;
  return {
    args,
    env: {
      SIMIAN_PLAN_KEY: c.target === 'plan' && c.keyed ? PLAN_KEY : undefined,
      SIMIAN_PLAN_KEY_FILE: undefined,
      SIMIAN_CONFIG: undefined,
      SIMIAN_KILL_SWITCH: '1',
    },
    whole: [out, planOut],
  };
}

export interface FuzzFailure {
  index: number;
  why: string;
  args: string[];
  code?: number;
  stderr?: string;
}

export interface FuzzReport {
  seed: number;
  cases: number;
  failures: FuzzFailure[];
  byCode: Record<string, number>;
  hangs: number;
  /** The commonest first lines of stderr, paths and numbers left out: what the cases met. */
  messages: Array<[string, number]>;
  maxMs: number;
  p50Ms: number;
  p99Ms: number;
  elapsedMs: number;
}

const STACK_FRAME = /^\s+at .*(:\d+:\d+\)?|<anonymous>\)?)$/m;

/** The property every case must keep. */
export function judge(result: CaseResult, whole: string[]): string | undefined {
  if ('hang' in result) return `no answer within ${Math.round(result.ms)} ms (a hang)`;
  const { code, stderr, stdout } = result;
  if (![0, 1, 2, 3].includes(code)) return `exit code ${code}`;
  if (STACK_FRAME.test(stderr) || STACK_FRAME.test(stdout)) return 'a stack trace';
  if (/unexpected error|HARNESS:/.test(stderr)) return 'an unexpected error';
  // Exit 2 says why: one line on stderr, or (validate commands) the problems in their report.
  const said =
    /^(simian: |error: )/.test(stderr.trimStart()) ||
    (stderr.trim() === '' && (/^error: /m.test(stdout) || stdout.trimStart().startsWith('{')));
  if (code === 2 && !said)
    return `exit 2 without a clear first line: ${JSON.stringify((stderr || stdout).slice(0, 200))}`;
  if (code === 2) for (const f of whole) if (existsSync(f)) return `exit 2, yet ${f} was written`;
  return undefined;
}

/** Runs `count` cases of `seed` (or fewer, if `timeLimitMs` runs out first). */
export async function runFuzz(options: {
  seed: number;
  count: number;
  timeLimitMs: number;
  caseTimeoutMs: number;
  onProgress?: (done: number, report: FuzzReport) => void;
}): Promise<FuzzReport> {
  const root = mkdtempSync(join(tmpdir(), 'simian-fuzz-'));
  const worker = new CliWorker();
  const cases = fc.sample(fuzzCases, { seed: options.seed, numRuns: options.count });
  const report: FuzzReport = {
    seed: options.seed,
    cases: 0,
    failures: [],
    byCode: {},
    hangs: 0,
    messages: [],
    maxMs: 0,
    p50Ms: 0,
    p99Ms: 0,
    elapsedMs: 0,
  };
  const times: number[] = [];
  const messages = new Map<string, number>();
  const started = performance.now();
  try {
    for (const [index, c] of cases.entries()) {
      if (performance.now() - started > options.timeLimitMs) break;
      const dir = join(root, `case-${index}`);
      const { args, env, whole } = materialize(c, dir);
      const result = await worker.run({ args, cwd: dir, env }, options.caseTimeoutMs);
      const why = judge(result, whole);
      report.cases++;
      times.push(result.ms);
      if ('hang' in result) report.hangs++;
      else {
        report.byCode[result.code] = (report.byCode[result.code] ?? 0) + 1;
        const line = `${args.find((a) => !a.startsWith('-') && !a.startsWith('/')) ?? ''}: ${
          (result.stderr.trim() || `exit ${result.code}`).split('\n')[0]!
        }`
          .replace(/\/tmp\/simian-fuzz-[^ :)]*/g, 'PATH')
          .replace(/"[^"]*"/g, '"…"')
          .replace(/\d+/g, 'N')
          .slice(0, 90);
        messages.set(line, (messages.get(line) ?? 0) + 1);
      }
      if (why) {
        report.failures.push({
          index,
          why,
          args,
          ...('hang' in result ? {} : { code: result.code, stderr: result.stderr.slice(0, 2000) }),
        });
      }
      rmSync(dir, { recursive: true, force: true });
      options.onProgress?.(report.cases, report);
    }
    for (const stray of worker.strays)
      report.failures.push({
        index: -1,
        why: 'an error after a case had ended',
        args: [],
        stderr: stray.stderr,
      });
  } finally {
    worker.close();
    rmSync(root, { recursive: true, force: true });
  }
  report.messages = [...messages].sort((a, b) => b[1] - a[1]).slice(0, 25);
  times.sort((a, b) => a - b);
  report.maxMs = times.at(-1) ?? 0;
  report.p50Ms = times[Math.floor(times.length * 0.5)] ?? 0;
  report.p99Ms = times[Math.floor(times.length * 0.99)] ?? 0;
  report.elapsedMs = performance.now() - started;
  return report;
}
