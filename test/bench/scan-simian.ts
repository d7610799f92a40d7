/**
 * The Simian side of the scan benchmark, in a process of its own so that its time and peak memory
 * are its own: `simian scan` over a directory of manifests with the built-in rules, as the CLI
 * calls it (`scanManifests`). The engine's `evaluate` is timed from inside, so the breakdown
 * (reading YAML versus evaluating the rules) comes from the same run. Prints one JSON line.
 *
 *   node --conditions=@simian/source --import tsx test/bench/scan-simian.ts DIR
 */
import { createPolicyEngine, scanManifests } from '@simian/policy';

const dir = process.argv[2];
if (!dir) {
  process.stderr.write('usage: scan-simian.ts DIR\n');
  process.exit(2);
}

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

const started = performance.now();
const engine = await createPolicyEngine({});
const engineMs = performance.now() - started;

const evaluation = { wallMs: 0, cpuMs: 0 };
const evaluate = engine.evaluate.bind(engine);
engine.evaluate = async (...args: Parameters<typeof evaluate>) => {
  const wall = performance.now();
  const cpu = cpuMs();
  try {
    return await evaluate(...args);
  } finally {
    evaluation.wallMs += performance.now() - wall;
    evaluation.cpuMs += cpuMs() - cpu;
  }
};

const scanStarted = performance.now();
const scanCpu = cpuMs();
const result = await scanManifests([dir], { engine });
const scanMs = performance.now() - scanStarted;
const scanCpuMs = cpuMs() - scanCpu;
const stats = engine.stats();
process.stdout.write(
  `${JSON.stringify({
    resources: result.summary.resources,
    files: result.summary.files,
    findings: result.findings.length,
    engineMs: Math.round(engineMs),
    scanMs: Math.round(scanMs),
    scanCpuMs: Math.round(scanCpuMs),
    evaluateMs: Math.round(evaluation.wallMs),
    evaluateCpuMs: Math.round(evaluation.cpuMs),
    batches: stats.batches,
    wasmMiB: Math.round(stats.wasmMemoryBytes / 1024 / 1024),
  })}\n`,
);
