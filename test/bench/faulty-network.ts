/**
 * The faulty network, for longer than `npm test` runs it: rounds of three runs of every
 * registered monkey, not in dry-run, through fault proxies at 20 % in front of the sandbox's
 * kube-apiserver and moto (see test/safety/faulty-network.test.ts). Fails on any broken promise;
 * writes the figures into docs/safety.md.
 *
 *   npm run bench:faults                      # 10 rounds (30 runs)
 *   SIMIAN_BENCH_ROUNDS=3 npm run bench:faults
 */
import { fileURLToPath } from 'node:url';
import { Store } from '@simian/core';
import { sandboxDown, sandboxPaths, sandboxUp } from '@simian/sandbox';
import {
  judgeFaultyRuns,
  prepareFaultyEstate,
  runSpanned,
  startProxies,
  type RunSpan,
} from '../safety/faulty-network-scenario.js';
import { writePerformanceSection } from './performance-doc.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const rounds = Number(process.env.SIMIAN_BENCH_ROUNDS ?? 10);
const rate = 0.2;
const log = (line: string) => process.stderr.write(`[bench:faults] ${line}\n`);

const up = await sandboxUp({ cwd: root, log });
const estate = await prepareFaultyEstate(sandboxPaths(root).kubeconfig, up.state.awsEndpoint);
const totals = { runs: 0, requests: 0, faults: 0, writes: 0, duplicated: 0, broken: 0 };
const statuses = new Map<string, number>();
try {
  for (let round = 0; round < rounds; round++) {
    const proxies = await startProxies(estate, rate, 100 + round);
    const store = new Store(':memory:');
    try {
      const results = [];
      const spans: RunSpan[] = [];
      for (const maxAttempts of [3, 1, 1]) {
        results.push(
          await runSpanned(
            estate,
            proxies,
            { dryRun: false, maxAttempts, seed: round, store },
            spans,
          ),
        );
      }
      const v = judgeFaultyRuns(proxies, results, store, spans);
      totals.runs += results.length;
      totals.requests += v.requests;
      totals.faults += v.faults;
      totals.writes += v.writes.length;
      totals.duplicated += v.duplicated.length;
      totals.broken += v.broken.length;
      for (const s of v.statuses) statuses.set(s, (statuses.get(s) ?? 0) + 1);
      for (const b of v.broken) log(`BROKEN: ${b}`);
      log(
        `round ${round + 1}/${rounds}: ${v.requests} requests, ${v.faults} faults, ${v.writes.length} writes`,
      );
    } finally {
      store.close();
      await proxies.close();
    }
  }
  const date = new Date().toISOString().slice(0, 10);
  await writePerformanceSection(
    `${root}docs/safety.md`,
    'faulty-network',
    `| figure | value |
| --- | --- |
| runs (every monkey, not dry-run) | ${totals.runs} |
| requests through the fault proxies | ${totals.requests} |
| faults injected (429 with Retry-After, 500, 503, resets, slow, pages cut half-way) | ${totals.faults} |
| writes that reached an API | ${totals.writes} |
| writes sent twice | ${totals.duplicated} |
| promises broken | ${totals.broken} |
| run statuses | ${[...statuses].map(([s, n]) => `${s}: ${n}`).join(', ')} |

Measured on ${date} with \`npm run bench:faults\` (${rounds} rounds at ${rate * 100} % faults).`,
  );
  log(JSON.stringify(totals));
  if (totals.broken > 0) process.exitCode = 1;
} finally {
  await estate.remove();
  if (!up.reused && process.env.SIMIAN_SANDBOX_KEEP !== '1') await sandboxDown({ cwd: root, log });
}
