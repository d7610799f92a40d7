/**
 * The fuzz suite's benchmark run: ten thousand seeded cases (configs, experiments, manifests, plan
 * files and flags, mutated structurally and byte by byte) through the CLI, each judged by the
 * suite's property, and the figures written to docs/performance.md.
 *
 *   node --conditions=@simian/source --import tsx test/bench/fuzz.ts [--count 10000] [--seed N]
 */
import { runFuzz } from '../fuzz/fuzz.js';
import { writePerformanceSection } from './performance-doc.js';

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const count = arg('count', 10_000);
const seed = arg('seed', 20261203);
const write = !process.argv.includes('--no-write');

let printed = 0;
const report = await runFuzz({
  seed,
  count,
  timeLimitMs: Number.POSITIVE_INFINITY,
  caseTimeoutMs: 30_000,
  onProgress: (done, r) => {
    while (printed < r.failures.length) {
      const f = r.failures[printed++]!;
      process.stderr.write(
        `fuzz: case ${f.index} failed: ${f.why}: simian ${f.args.join(' ')}\n${f.stderr ?? ''}\n`,
      );
    }
    if (done % 250 === 0)
      process.stderr.write(`fuzz: ${done}/${count} cases, ${r.failures.length} failures\n`);
  },
});
const codes = Object.entries(report.byCode)
  .sort(([a], [b]) => Number(a) - Number(b))
  .map(([code, n]) => `exit ${code}: ${n}`)
  .join(', ');
process.stdout.write(
  `${JSON.stringify({ ...report, failures: report.failures.slice(0, 20) }, null, 2)}\n`,
);

if (write && report.cases >= count) {
  await writePerformanceSection(
    new URL('../../docs/performance.md', import.meta.url).pathname,
    'fuzz',
    `## CLI fuzz suite

\`node --conditions=@simian/source --import tsx test/bench/fuzz.ts --count ${count} --seed ${seed}\`
(${new Date().toISOString().slice(0, 10)}, Node ${process.version}, this machine's 2 shared cores).

Cases made by fast-check from the seed: the example config, an experiment, manifests and a fresh
plan file, each mutated byte by byte (flips, inserts, deletes, truncation, YAML/JSON snippets),
structurally (fields replaced by any JSON, odd values, deep nesting, wide maps; plans resealed
with a recomputed digest or a signature), replaced whole (alias bombs, deep nesting, 17 MiB,
random bytes) or given as a FIFO, a device, a directory, a symlink loop; read by validate,
schedule, rbac, history, experiment validate, scan (with -o, --fail-on, --output-file) and apply,
with random flag values. Each case runs in a CLI process kept warm between cases (the same
\`runCli\` as \`simian\`), killed and restarted when a case outlives its time bound.

The property: exit 0, 1, 2 or 3, a clear first line on exit 2, no stack trace, no "unexpected
error", no report file written on exit 2, an answer within 30 s.

| cases | failures | hangs | exit codes | median | p99 | slowest | total |
| --- | --- | --- | --- | --- | --- | --- | --- |
| ${report.cases} | ${report.failures.length} | ${report.hangs} | ${codes} | ${Math.round(report.p50Ms)} ms | ${Math.round(report.p99Ms)} ms | ${Math.round(report.maxMs)} ms | ${(report.elapsedMs / 60_000).toFixed(1)} min |`,
  );
}
process.exitCode = report.failures.length > 0 ? 1 : 0;
