/**
 * Measures the policy engine over generated resources in this process: throughput and memory per
 * batch size, and whether wasm memory grows over repeated evaluations.
 *
 *   npx tsx --conditions @simian/source packages/policy/scripts/measure-engine.ts [count] [batch...]
 *   npx tsx --conditions @simian/source packages/policy/scripts/measure-engine.ts 50000 --rounds 10
 *
 * Run one batch size per process for a clean peak RSS; add NODE_OPTIONS=--expose-gc to see the
 * heap that stays reachable after each round.
 */
import { loadBundle } from '../src/bundle.js';
import { builtinBundlePath } from '../src/builtin-policies.js';
import { PolicyEngine } from '../src/engine.js';
import { generateResources } from './generate-resources.js';

const args = process.argv.slice(2);
const rounds = args.includes('--rounds') ? Number(args[args.indexOf('--rounds') + 1]) : 1;
const numbers = args
  .filter((a, i) => !a.startsWith('--') && args[i - 1] !== '--rounds')
  .map(Number);
const count = numbers[0] ?? 50_000;
const batchSizes = numbers.length > 1 ? numbers.slice(1) : [100];

const mib = (bytes: number) => Math.round(bytes / 1024 / 1024);
const resources = generateResources(count);
const bundle = await loadBundle(builtinBundlePath());
for (const batchSize of batchSizes) {
  const engine = await PolicyEngine.create({ bundles: [bundle], batchSize });
  for (let round = 1; round <= rounds; round++) {
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const findings = await engine.evaluate(resources);
    const ms = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    // With --expose-gc, measure what is still reachable rather than what V8 has not collected yet.
    (globalThis as { gc?: () => void }).gc?.();
    const mem = process.memoryUsage();
    console.log(
      JSON.stringify({
        resources: count,
        batchSize,
        round,
        ms: Math.round(ms),
        cpuMs: Math.round((cpu.user + cpu.system) / 1000),
        resourcesPerSecond: Math.round((count / ms) * 1000),
        findings: findings.length,
        wasmMiB: mib(engine.stats().wasmMemoryBytes),
        heapUsedMiB: mib(mem.heapUsed),
        rssMiB: mib(mem.rss),
        peakRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
      }),
    );
  }
}
