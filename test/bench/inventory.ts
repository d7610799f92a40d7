// The inventory benchmark (issue 4): seeds 20,000 pods on kwok's fake nodes in a namespace of its
// own, measures a full Pod inventory (wall time, API requests, peak RSS) in a fresh process per
// run, writes the figures into docs/performance.md between its markers, and cleans up.
//
//   node --conditions=@simian/source --import tsx test/bench/inventory.ts
//
// SIMIAN_BENCH_PODS changes the pod count; SIMIAN_BENCH_KEEP_PODS=1 leaves the pods for the next
// run (which reuses them); SIMIAN_SANDBOX_KEEP=1 keeps a sandbox started here.
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { CoreV1Api, KubeConfig, VersionApi, type V1Pod } from '@kubernetes/client-node';
import { sandboxDown, sandboxPaths, sandboxUp } from '@simian/sandbox';

const root = fileURLToPath(new URL('../..', import.meta.url));
const podCount = Number(process.env.SIMIAN_BENCH_PODS ?? 20_000);
const namespace = 'simian-bench';
const createConcurrency = 24;
const runsPerPageSize = 3;
const pageSizes = [500, 100, 2000];
const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Measurement {
  wallMs: number;
  /** CPU time of the measuring process (user + system): Simian's own share of the wall time. */
  cpuMs: number;
  requests: number;
  items: number;
  complete: boolean;
  peakRssMiB: number;
}

async function waitUntil(
  what: string,
  probe: () => Promise<boolean>,
  timeoutMs: number,
): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > until)
      throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}`);
    await sleep(1000);
  }
}

async function namespaceGone(core: CoreV1Api): Promise<boolean> {
  return core.readNamespace({ name: namespace }).then(
    () => false,
    () => true,
  );
}

async function removeNamespace(core: CoreV1Api): Promise<void> {
  if (await namespaceGone(core)) return;
  log(`cleaning up namespace ${namespace}`);
  // One collection delete per shard, in parallel: one call for 20,000 pods outlasts a request.
  await Promise.all(
    Array.from({ length: 10 }, (_, shard) =>
      core
        .deleteCollectionNamespacedPod({
          namespace,
          labelSelector: `shard=${shard}`,
          gracePeriodSeconds: 0,
        })
        .catch((error: unknown) =>
          log(
            `deleting shard ${shard}: ${(error as Error).message} (the server goes on; waiting for the namespace to go)`,
          ),
        ),
    ),
  );
  await core.deleteNamespace({ name: namespace }).catch(() => undefined);
  await waitUntil(`namespace ${namespace} to go`, () => namespaceGone(core), 600_000);
}

function benchPod(i: number, nodes: string[]): V1Pod {
  return {
    metadata: {
      name: `bench-${String(i).padStart(5, '0')}`,
      labels: { app: 'bench', shard: String(i % 10) },
    },
    spec: {
      nodeName: nodes[i % nodes.length],
      terminationGracePeriodSeconds: 0,
      automountServiceAccountToken: false,
      containers: [
        {
          name: 'main',
          image: 'registry.invalid/bench:1',
          resources: { requests: { cpu: '1m', memory: '1Mi' } },
        },
      ],
    },
  };
}

async function existingPods(core: CoreV1Api): Promise<number> {
  let count = 0;
  let token: string | undefined;
  do {
    const page = await core.listNamespacedPod({ namespace, limit: 5000, _continue: token });
    count += page.items.length;
    token = page.metadata?._continue || undefined;
  } while (token);
  return count;
}

async function seedPods(core: CoreV1Api): Promise<number> {
  await core.createNamespace({ body: { metadata: { name: namespace } } });
  await waitUntil(
    'the default ServiceAccount',
    () =>
      core.readNamespacedServiceAccount({ name: 'default', namespace }).then(
        () => true,
        () => false,
      ),
    60_000,
  );
  const nodes = (await core.listNode({ labelSelector: 'type=kwok' })).items.map(
    (n) => n.metadata!.name!,
  );
  const started = Date.now();
  let next = 0;
  let done = 0;
  const worker = async () => {
    for (let i = next++; i < podCount; i = next++) {
      for (let attempt = 1; ; attempt++) {
        try {
          await core.createNamespacedPod({ namespace, body: benchPod(i, nodes) });
          break;
        } catch (error) {
          if (attempt >= 5) throw error;
          await sleep(200 * attempt);
        }
      }
      if (++done % 2000 === 0)
        log(
          `created ${done} of ${podCount} pods (${((Date.now() - started) / 1000).toFixed(0)} s)`,
        );
    }
  };
  await Promise.all(Array.from({ length: createConcurrency }, worker));
  return Date.now() - started;
}

async function measure(
  kubeconfig: string,
  pageSize: number,
  baseline = false,
): Promise<Measurement> {
  const child = join(root, 'test/bench/inventory-child.ts');
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [
      '--conditions=@simian/source',
      '--import',
      'tsx',
      child,
      kubeconfig,
      String(pageSize),
      ...(baseline ? ['--baseline'] : []),
    ],
    { cwd: root, maxBuffer: 1 << 20 },
  );
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as Measurement;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function render(
  rows: Array<{ pageSize: number; runs: Measurement[] }>,
  baseline: Measurement,
  context: Record<string, string>,
): string {
  const lines = [
    '<!-- bench:inventory -->',
    `## Inventory: ${context.pods} pods`,
    '',
    `Written by \`test/bench/inventory.ts\` on ${context.date}; do not edit by hand. A full inventory of Pods`,
    `(\`Inventory.list('kubernetes', 'Pod', …)\`, every namespace, paginated) against the sandbox's real`,
    `kube-apiserver ${context.kubernetes} with ${context.pods} pods on kwok nodes, each run in a fresh Node process.`,
    `Machine: ${context.machine}, Node ${process.version}. Median of ${runsPerPageSize} runs per page size.`,
    '',
    '| page size | items | API requests | wall time | client CPU | peak RSS |',
    '| ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map(({ pageSize, runs }) => {
      const m = runs[0]!;
      return `| ${pageSize}${pageSize === 500 ? ' (default)' : ''} | ${m.items.toLocaleString('en-US')} | ${m.requests} | ${(median(runs.map((r) => r.wallMs)) / 1000).toFixed(2)} s | ${(median(runs.map((r) => r.cpuMs)) / 1000).toFixed(2)} s | ${median(runs.map((r) => r.peakRssMiB)).toFixed(0)} MiB |`;
    }),
    '',
    `Wall time includes the API server's work, on the same shared CPUs; client CPU is the measuring`,
    `process's own CPU time (parsing JSON, building Resources). Peak RSS of the same process without`,
    `the listing (modules loaded through tsx, provider built): ${baseline.peakRssMiB.toFixed(0)} MiB.`,
    `Seeding the pods: ${context.seed}.`,
    '<!-- /bench:inventory -->',
  ];
  return lines.join('\n');
}

async function writeSection(section: string): Promise<string> {
  const file = join(root, 'docs/performance.md');
  let text = await readFile(file, 'utf8').catch(
    () =>
      '# Performance\n\nFigures measured by the benchmarks under `test/bench`, written by them.\n',
  );
  const pattern = /<!-- bench:inventory -->[\s\S]*?<!-- \/bench:inventory -->/;
  text = pattern.test(text) ? text.replace(pattern, section) : `${text.trimEnd()}\n\n${section}\n`;
  await writeFile(file, text);
  return file;
}

const up = await sandboxUp({ cwd: root, log });
const kubeconfig = sandboxPaths(root).kubeconfig;
const kc = new KubeConfig();
kc.loadFromFile(kubeconfig);
const core = kc.makeApiClient(CoreV1Api);
try {
  let seed = 'reused from an earlier run';
  if ((await namespaceGone(core)) || (await existingPods(core)) !== podCount) {
    await removeNamespace(core);
    log(`seeding ${podCount} pods in namespace ${namespace}`);
    const seedMs = await seedPods(core);
    seed = `${(seedMs / 1000).toFixed(0)} s, ${createConcurrency} creates in flight`;
    log(`seeded in ${seed}`);
  } else {
    log(`reusing the ${podCount} pods already in namespace ${namespace}`);
  }
  const baseline = await measure(kubeconfig, 500, true);
  const rows: Array<{ pageSize: number; runs: Measurement[] }> = [];
  for (const pageSize of pageSizes) {
    const runs: Measurement[] = [];
    for (let i = 0; i < runsPerPageSize; i++) {
      const m = await measure(kubeconfig, pageSize);
      if (!m.complete || m.items < podCount)
        throw new Error(`the inventory listed ${m.items} pods, fewer than the ${podCount} seeded`);
      log(
        `page size ${pageSize}: ${m.items} pods, ${m.requests} requests, ${(m.wallMs / 1000).toFixed(2)} s, peak RSS ${m.peakRssMiB.toFixed(0)} MiB`,
      );
      runs.push(m);
    }
    rows.push({ pageSize, runs });
  }
  const version = (await kc.makeApiClient(VersionApi).getCode()).gitVersion;
  const file = await writeSection(
    render(rows, baseline, {
      date: new Date().toISOString().slice(0, 10),
      kubernetes: version,
      pods: podCount.toLocaleString('en-US'),
      machine: `${cpus().length} CPUs (${cpus()[0]?.model.trim() ?? 'unknown'}), shared with the sandbox`,
      seed,
    }),
  );
  log(`wrote ${file}`);
} finally {
  await removeNamespace(core).catch((error: unknown) =>
    log(`cleanup failed: ${(error as Error).message}`),
  );
  if (!up.reused && process.env.SIMIAN_SANDBOX_KEEP !== '1') await sandboxDown({ cwd: root, log });
}
