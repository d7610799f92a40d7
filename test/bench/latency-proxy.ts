/**
 * Latency benchmark (issue 13): `simian latency proxy` against toxiproxy (v2.12, built by the
 * sandbox toolchain from the Go module proxy), one at a time in one run, on loopback, each its own
 * process between the same client and server processes:
 *
 * - overhead: round trips of one byte with no fault, direct and through each proxy (p50, p99 of
 *   what the proxy adds);
 * - throughput: 200 MB from a server, through each proxy;
 * - fidelity: a downstream delay of 100 ms and of 1500 ms, each with 10 % jitter (uniform, as both
 *   proxies draw it): |measured - requested| at p50 and p99 of the round trips;
 * - netem: the same fidelity figures for tc netem between two network namespaces, where the
 *   kernel has netem; where it has not, it says so and measures nothing.
 *
 * Writes the figures into docs/performance.md between `<!-- bench:latency -->` markers.
 *
 *   node --conditions=@simian/source --import tsx test/bench/latency-proxy.ts [--no-write] [--quick]
 *
 * Needs root for the netem part (ip netns). Takes a few minutes; run it on a quiet machine.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { summarizeLatency } from '@simian/core';
import { netemQdiscArgs } from '@simian/provider-kubernetes';
import { createNetnsPair, kernelHasNetem } from '../latency/netns.js';
import { simianCommand } from '../latency/support.js';
import { writePerformanceSection } from './performance-doc.js';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const FIXTURES = join(ROOT, 'test/latency/fixtures');
const args = process.argv.slice(2);
const write = !args.includes('--no-write');
const quick = args.includes('--quick');
const say = (line: string) => process.stderr.write(`[bench:latency] ${line}\n`);
const children: ChildProcess[] = [];

const OVERHEAD_TRIPS = quick ? 500 : 5000;
const THROUGHPUT_MB = quick ? 50 : 200;
const FIDELITY = [
  { requestedMs: 100, jitterMs: 10, samples: quick ? 60 : 400, connections: 4 },
  { requestedMs: 1500, jitterMs: 150, samples: quick ? 24 : 120, connections: 8 },
];

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

/** Starts `argv` and resolves once a stdout line matches `ready`. */
function start(argv: string[], ready: RegExp): Promise<ChildProcess> {
  const child = spawn(argv[0]!, argv.slice(1), { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let out = '';
  return new Promise((resolve, reject) => {
    const take = (d: string) => {
      out += d;
      if (ready.test(out)) resolve(child);
    };
    child.stdout!.setEncoding('utf8').on('data', take);
    child.stderr!.setEncoding('utf8').on('data', take);
    child.once('exit', (code) => reject(new Error(`${argv.join(' ')} exited ${code}:\n${out}`)));
  });
}
const stop = (child: ChildProcess) => {
  child.removeAllListeners('exit');
  child.kill('SIGTERM');
};

function roundTrips(port: number, count: number, connections = 1): number[] {
  const out = execFileSync(
    process.execPath,
    [
      join(FIXTURES, 'round-trips.mjs'),
      '127.0.0.1',
      String(port),
      String(count),
      '1',
      String(connections),
    ],
    { maxBuffer: 64 * 1024 * 1024 },
  );
  return JSON.parse(out.toString()) as number[];
}

function drain(port: number): { bytes: number; ms: number } {
  return JSON.parse(
    execFileSync(process.execPath, [join(FIXTURES, 'drain.mjs'), '127.0.0.1', String(port)], {
      maxBuffer: 1024 * 1024,
    }).toString(),
  ) as { bytes: number; ms: number };
}

/** A proxy under test: started with or without a delay, stopped after. */
interface Contender {
  name: string;
  /** Starts it in front of `upstream` on `listen`, with `delay` downstream if given. */
  start(
    listen: number,
    upstream: number,
    delay?: { ms: number; jitterMs: number },
  ): Promise<() => Promise<void>>;
}

const simianProxy: Contender = {
  name: 'simian latency proxy',
  async start(listen, upstream, delay) {
    const child = await start(
      simianCommand([
        'latency',
        'proxy',
        '--listen',
        `127.0.0.1:${listen}`,
        '--upstream',
        `127.0.0.1:${upstream}`,
        '--for',
        '30m',
        ...(delay ? ['--delay', `${delay.ms}ms`, '--jitter', `${delay.jitterMs}ms`] : []),
      ]),
      /^proxy /m,
    );
    return async () => stop(child);
  },
};

function toxiproxy(bin: string): Contender {
  let server: ChildProcess | undefined;
  const api = 'http://127.0.0.1:18474';
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${api}${path}`, {
      method,
      headers: { 'Content-Type': 'application/json' },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    if (!res.ok) throw new Error(`toxiproxy ${method} ${path}: ${res.status} ${await res.text()}`);
  };
  const waitForApi = async () => {
    for (let i = 0; i < 50; i++) {
      if (
        await fetch(`${api}/version`).then(
          (r) => r.ok,
          () => false,
        )
      )
        return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('toxiproxy-server does not answer on its API');
  };
  return {
    name: 'toxiproxy 2.12',
    async start(listen, upstream, delay) {
      server ??= await start(
        [bin, '-host', '127.0.0.1', '-port', '18474'],
        /Starting Toxiproxy HTTP server/,
      );
      await waitForApi();
      await call('POST', '/proxies', {
        name: 'bench',
        listen: `127.0.0.1:${listen}`,
        upstream: `127.0.0.1:${upstream}`,
        enabled: true,
      });
      if (delay) {
        await call('POST', '/proxies/bench/toxics', {
          name: 'latency',
          type: 'latency',
          stream: 'downstream',
          toxicity: 1,
          attributes: { latency: delay.ms, jitter: delay.jitterMs },
        });
      }
      return async () => call('DELETE', '/proxies/bench');
    },
  };
}

const fmt = (ms: number | undefined) => (ms === undefined ? '-' : ms.toFixed(2));

async function main(): Promise<void> {
  const bins = execFileSync('bash', [
    join(ROOT, 'packages/sandbox/toolchain/build.sh'),
    'toxiproxy',
  ]).toString();
  const toxiBin = join(/^toxiproxy=(.+)$/m.exec(bins)![1]!, 'toxiproxy-server');
  const contenders = [simianProxy, toxiproxy(toxiBin)];
  const echoPort = await freePort();
  await start(
    [process.execPath, join(FIXTURES, 'echo-server.mjs'), '127.0.0.1', String(echoPort)],
    /^listening/,
  );
  const blastPort = await freePort();
  await start(
    [
      process.execPath,
      join(FIXTURES, 'blast-server.mjs'),
      '127.0.0.1',
      String(blastPort),
      String(THROUGHPUT_MB),
    ],
    /^listening/,
  );

  say(`overhead: ${OVERHEAD_TRIPS} one-byte round trips, direct`);
  const direct = summarizeLatency(roundTrips(echoPort, OVERHEAD_TRIPS), 0);
  const directDrain = drain(blastPort);
  const overhead: string[] = [];
  const throughput: string[] = [
    `| direct | ${(directDrain.bytes / 1e6 / (directDrain.ms / 1000)).toFixed(0)} |`,
  ];
  for (const c of contenders) {
    say(`overhead and throughput: ${c.name}`);
    const port = await freePort();
    const stopIt = await c.start(port, echoPort);
    roundTrips(port, 100); // warm up
    const s = summarizeLatency(roundTrips(port, OVERHEAD_TRIPS), 0);
    await stopIt();
    const bport = await freePort();
    const stopBlast = await c.start(bport, blastPort);
    const d = drain(bport);
    await stopBlast();
    overhead.push(
      `| ${c.name} | ${fmt(s.p50Ms! - direct.p50Ms!)} | ${fmt(s.p99Ms! - direct.p99Ms!)} |`,
    );
    throughput.push(`| ${c.name} | ${(d.bytes / 1e6 / (d.ms / 1000)).toFixed(0)} |`);
  }

  const fidelity: string[] = [];
  for (const f of FIDELITY) {
    for (const c of contenders) {
      say(`fidelity: ${c.name}, ${f.requestedMs} ms ± ${f.jitterMs} ms, ${f.samples} round trips`);
      const port = await freePort();
      const stopIt = await c.start(port, echoPort, { ms: f.requestedMs, jitterMs: f.jitterMs });
      const s = summarizeLatency(roundTrips(port, f.samples, f.connections), 0);
      await stopIt();
      fidelity.push(fidelityRow(c.name, f, s));
    }
  }
  const netem = measureNetem();
  fidelity.push(...netem.rows);

  const body = `## Latency: \`simian latency proxy\` against toxiproxy, and netem

Written by \`node --conditions=@simian/source --import tsx test/bench/latency-proxy.ts\`
(${new Date().toISOString().slice(0, 10)}, ${cpus().length} CPUs, load ${loadavg()[0]!.toFixed(1)} at the start; loopback, each proxy its own
process; Node ${process.version}). One-byte round trips through an echo server; the delay is on the
downstream stream of the proxy, so one round trip carries it once.

What each proxy adds with no fault (${OVERHEAD_TRIPS} round trips; direct p50 ${fmt(direct.p50Ms)} ms, p99 ${fmt(direct.p99Ms)} ms):

| proxy | added p50 (ms) | added p99 (ms) |
| --- | --- | --- |
${overhead.join('\n')}

Throughput, ${THROUGHPUT_MB} MB from a server (MB/s):

| path | MB/s |
| --- | --- |
${throughput.join('\n')}

Fidelity: requested delay with 10 % jitter (uniform ± jitter), measured round trips:

| backend | requested | samples | p50 (ms) | p99 (ms) | \\|p50 − requested\\| | \\|p99 − requested\\| |
| --- | --- | --- | --- | --- | --- | --- |
${fidelity.join('\n')}

${netem.note}
`;
  process.stdout.write(`${body}\n`);
  if (write) {
    await writePerformanceSection(join(ROOT, 'docs/performance.md'), 'latency', body);
    say('wrote docs/performance.md');
  }
}

function fidelityRow(
  name: string,
  f: { requestedMs: number; jitterMs: number },
  s: ReturnType<typeof summarizeLatency>,
): string {
  return `| ${name} | ${f.requestedMs} ms ± ${f.jitterMs} ms | ${s.count} | ${fmt(s.p50Ms)} | ${fmt(s.p99Ms)} | ${fmt(Math.abs(s.p50Ms! - f.requestedMs))} | ${fmt(Math.abs(s.p99Ms! - f.requestedMs))} |`;
}

/** netem between two namespaces, where the kernel has it. */
function measureNetem(): { rows: string[]; note: string } {
  if (!kernelHasNetem()) {
    const line =
      'netem: not measured: this kernel has no netem (CONFIG_NET_SCH_NETEM is not set), so tc cannot add the qdisc. Run this benchmark on a kernel with netem for its figures.';
    say(line);
    return { rows: [], note: line };
  }
  const net = createNetnsPair();
  const rows: string[] = [];
  try {
    const port = 7000;
    const echo = spawn(
      'ip',
      [
        'netns',
        'exec',
        net.b,
        process.execPath,
        join(FIXTURES, 'echo-server.mjs'),
        net.ipB,
        String(port),
      ],
      { stdio: 'ignore' },
    );
    children.push(echo);
    execFileSync('sleep', ['0.5']);
    for (const f of FIDELITY) {
      const spec = {
        delayMs: f.requestedMs,
        jitterMs: f.jitterMs,
        expectedPacketsPerSecond: 10_000,
      };
      say(`fidelity: netem, ${f.requestedMs} ms ± ${f.jitterMs} ms`);
      net.exec(net.b, [
        'tc',
        'qdisc',
        'add',
        'dev',
        net.ifB,
        'root',
        'handle',
        '5e01:',
        ...netemQdiscArgs(spec),
      ]);
      const out = net.exec(net.a, [
        process.execPath,
        join(FIXTURES, 'round-trips.mjs'),
        net.ipB,
        String(port),
        String(f.samples),
        '1',
        String(f.connections),
      ]);
      net.exec(net.b, ['tc', 'qdisc', 'del', 'dev', net.ifB, 'root']);
      rows.push(
        fidelityRow(
          'tc netem (veth, two namespaces)',
          f,
          summarizeLatency(JSON.parse(out) as number[], 0),
        ),
      );
    }
  } finally {
    net.remove();
  }
  return {
    rows,
    note: 'netem: measured between two network namespaces over a veth pair, the qdisc on the server side (the answers are delayed once per round trip).',
  };
}

main()
  .catch((e: unknown) => {
    process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
    process.exitCode = 1;
  })
  .finally(() => {
    for (const c of children) c.kill('SIGKILL');
  });
