/**
 * Latency benchmark (issue 13): `simian latency proxy` against toxiproxy (v2.12, built by the
 * sandbox toolchain from the Go module proxy), in one run, on loopback, each its own process between
 * the same client and server processes. Every path is measured in interleaved rounds (direct, then
 * each proxy, in turn; the next round the other way round), so that a busy moment of a shared
 * machine falls on all of them alike and not on one:
 *
 * - overhead: round trips of one byte with no fault, direct and through each proxy (p50, p99 of
 *   what the proxy adds);
 * - throughput: 200 MB from a server, direct and through each proxy;
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

/**
 * `count` round trips on `connections` connections; throws when they are not done within
 * `timeoutMs` (a proxy that stopped accepting or forwarding).
 */
function roundTrips(port: number, count: number, connections = 1, timeoutMs = 120_000): number[] {
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
    { maxBuffer: 64 * 1024 * 1024, timeout: timeoutMs, killSignal: 'SIGKILL' },
  );
  return JSON.parse(out.toString()) as number[];
}

function drain(port: number): { bytes: number; ms: number } {
  return JSON.parse(
    execFileSync(process.execPath, [join(FIXTURES, 'drain.mjs'), '127.0.0.1', String(port)], {
      maxBuffer: 1024 * 1024,
      timeout: 120_000,
      killSignal: 'SIGKILL',
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
  /** Ends every proxy it runs, whatever state they are in; the next start begins afresh. */
  reset(): void | Promise<void>;
}

const running = new Set<ChildProcess>();
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
    running.add(child);
    return async () => {
      running.delete(child);
      stop(child);
    };
  },
  reset() {
    for (const child of running) stop(child);
    running.clear();
  },
};

function toxiproxy(bin: string): Contender {
  let server: ChildProcess | undefined;
  const api = 'http://127.0.0.1:18474';
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${api}${path}`, {
      method,
      headers: { 'Content-Type': 'application/json' },
      signal: AbortSignal.timeout(10_000),
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
      const name = `bench-${listen}`;
      await call('POST', '/proxies', {
        name,
        listen: `127.0.0.1:${listen}`,
        upstream: `127.0.0.1:${upstream}`,
        enabled: true,
      });
      if (delay) {
        await call('POST', `/proxies/${name}/toxics`, {
          name: 'latency',
          type: 'latency',
          stream: 'downstream',
          toxicity: 1,
          attributes: { latency: delay.ms, jitter: delay.jitterMs },
        });
      }
      const serverOfProxy = server;
      return async () => {
        if (server !== serverOfProxy) return; // gone with the server it ran in
        let why = '';
        for (let attempt = 0; attempt < 2; attempt++) {
          try {
            await call('DELETE', `/proxies/${name}`);
            return;
          } catch (e) {
            const cause = (e as Error & { cause?: Error }).cause;
            why = `${(e as Error).message}${cause ? `: ${cause.message}` : ''}`;
          }
        }
        // toxiproxy's API can hang for good when a proxy is removed (Shopify/toxiproxy#558,
        // #412): say so, and start a fresh server for what follows.
        say(`toxiproxy: DELETE /proxies/${name} failed twice (${why}); restarting it`);
        toxiproxyFailures.push(why);
        await this.reset();
      };
    },
    async reset() {
      server?.removeAllListeners('exit');
      server?.kill('SIGKILL');
      server = undefined;
      await new Promise((r) => setTimeout(r, 500));
    },
  };
}

/** Why toxiproxy's API failed to remove a proxy, each time it did during the run. */
const toxiproxyFailures: string[] = [];
/** The fidelity rounds that stalled (no answer within far more than their delay), by path. */
const stalls: string[] = [];

const fmt = (ms: number | undefined) => (ms === undefined ? '-' : ms.toFixed(2));

/**
 * Measures `paths` round by round, each path once per round in turn, so that a busy moment of a
 * shared machine falls on all of them alike rather than on one.
 */
async function interleaved<T>(
  rounds: number,
  paths: string[],
  measureOne: (path: string) => T | Promise<T>,
): Promise<Map<string, T[]>> {
  const out = new Map<string, T[]>(paths.map((p) => [p, []]));
  for (let r = 0; r < rounds; r++) {
    for (const p of r % 2 === 0 ? paths : [...paths].reverse())
      out.get(p)!.push(await measureOne(p));
  }
  return out;
}

const ROUNDS = quick ? 2 : 5;
const mbps = (d: { bytes: number; ms: number }) => d.bytes / 1e6 / (d.ms / 1000);

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

  // Overhead and throughput: every path up at once, measured in interleaved rounds.
  say(
    `overhead: ${ROUNDS} rounds of ${OVERHEAD_TRIPS / ROUNDS} one-byte round trips per path; throughput: ${ROUNDS} x ${THROUGHPUT_MB} MB`,
  );
  const echoPorts = new Map<string, number>([['direct', echoPort]]);
  const blastPorts = new Map<string, number>([['direct', blastPort]]);
  const stops: Array<() => Promise<void>> = [];
  for (const c of contenders) {
    const e = await freePort();
    stops.push(await c.start(e, echoPort));
    echoPorts.set(c.name, e);
    const b = await freePort();
    stops.push(await c.start(b, blastPort));
    blastPorts.set(c.name, b);
    roundTrips(e, 100); // warm up
  }
  const paths = ['direct', ...contenders.map((c) => c.name)];
  const trips = await interleaved(ROUNDS, paths, (p) =>
    roundTrips(echoPorts.get(p)!, OVERHEAD_TRIPS / ROUNDS),
  );
  const drains = await interleaved(ROUNDS, paths, (p) => mbps(drain(blastPorts.get(p)!)));
  for (const stopIt of stops) await stopIt();
  const pooled = (p: string) => summarizeLatency(trips.get(p)!.flat(), 0);
  const direct = pooled('direct');
  const overheadOf = (name: string) => {
    const s = pooled(name);
    return `${fmt(s.p50Ms! - direct.p50Ms!)} ms at p50, ${fmt(s.p99Ms! - direct.p99Ms!)} ms at p99`;
  };
  const overhead = contenders.map((c) => {
    const s = pooled(c.name);
    return `| ${c.name} | ${fmt(s.p50Ms! - direct.p50Ms!)} | ${fmt(s.p99Ms! - direct.p99Ms!)} |`;
  });
  const throughput = paths.map((p) => {
    const xs = [...drains.get(p)!].sort((a, b) => a - b);
    const mid = xs.length / 2;
    const median = xs.length % 2 ? xs[Math.floor(mid)]! : (xs[mid - 1]! + xs[mid]!) / 2;
    return `| ${p} | ${median.toFixed(0)} | ${xs[xs.length - 1]!.toFixed(0)} |`;
  });

  // Fidelity: both proxies with the same delay, interleaved, the samples pooled.
  const fidelity: string[] = [];
  for (const f of FIDELITY) {
    say(
      `fidelity: ${f.requestedMs} ms ± ${f.jitterMs} ms, ${f.samples} round trips per proxy in ${ROUNDS} rounds`,
    );
    const delay = { ms: f.requestedMs, jitterMs: f.jitterMs };
    const ports = new Map<string, number>();
    const stops = new Map<string, () => Promise<void>>();
    const startOne = async (c: Contender) => {
      const port = await freePort();
      stops.set(c.name, await c.start(port, echoPort, delay));
      ports.set(c.name, port);
    };
    for (const c of contenders) await startOne(c);
    const per = Math.ceil(f.samples / ROUNDS);
    // A round's trips take about per / connections x (delay + jitter); far beyond that, the proxy
    // has stalled: the round counts as such, and the proxy is started afresh for the next.
    const roundTimeoutMs =
      30_000 + Math.ceil(per / f.connections) * (f.requestedMs + f.jitterMs) * 4;
    const got = await interleaved(
      ROUNDS,
      contenders.map((c) => c.name),
      async (p) => {
        try {
          return roundTrips(ports.get(p)!, per, Math.min(f.connections, per), roundTimeoutMs);
        } catch (e) {
          const c = contenders.find((x) => x.name === p)!;
          say(
            `${p}: a round of ${per} round trips stalled (${(e as Error).message.split('\n')[0]}); restarting it`,
          );
          stalls.push(`${p} at ${f.requestedMs} ms`);
          await c.reset();
          await startOne(c);
          return [];
        }
      },
    );
    for (const c of contenders) await stops.get(c.name)!();
    for (const c of contenders)
      fidelity.push(fidelityRow(c.name, f, summarizeLatency(got.get(c.name)!.flat(), 0)));
  }
  const netem = measureNetem();
  fidelity.push(...netem.rows);

  const body = `## Latency: \`simian latency proxy\` against toxiproxy, and netem

Written by \`node --conditions=@simian/source --import tsx test/bench/latency-proxy.ts\`
(${new Date().toISOString().slice(0, 10)}, ${cpus().length} CPUs, load ${loadavg()[0]!.toFixed(1)} at the start; loopback, each proxy its own
process; Node ${process.version}). One-byte round trips through an echo server; the delay is on the
downstream stream of the proxy, so one round trip carries it once.

Every path is measured in ${ROUNDS} interleaved rounds (direct, then each proxy, in turn), so a busy
moment of the machine falls on all of them alike.

What each proxy adds with no fault (${OVERHEAD_TRIPS} round trips per path; direct p50 ${fmt(direct.p50Ms)} ms, p99 ${fmt(direct.p99Ms)} ms):

| proxy | added p50 (ms) | added p99 (ms) |
| --- | --- | --- |
${overhead.join('\n')}

Throughput, ${THROUGHPUT_MB} MB from a server, ${ROUNDS} times per path:

| path | median MB/s | best MB/s |
| --- | --- | --- |
${throughput.join('\n')}

Fidelity: requested delay with 10 % jitter (uniform ± jitter), measured round trips:

| backend | requested | samples | p50 (ms) | p99 (ms) | \\|p50 − requested\\| | \\|p99 − requested\\| |
| --- | --- | --- | --- | --- | --- | --- |
${fidelity.join('\n')}

${netem.note}
${stalls.length ? `\nRounds that stalled (a round's round trips not done within 30 s plus four times their delays; the proxy stopped accepting or forwarding, was restarted, and the round's samples are missing from the table): ${stalls.join('; ')}.\n` : ''}${toxiproxyFailures.length ? `\ntoxiproxy's API failed to remove a proxy ${toxiproxyFailures.length} time(s) (${[...new Set(toxiproxyFailures)].join('; ')}; compare Shopify/toxiproxy#558); the benchmark restarted toxiproxy each time.\n` : ''}`;
  // The same figures, shorter, where docs/latency.md says how accurate each backend is.
  const accuracy = `Measured by \`test/bench/latency-proxy.ts\` (${new Date().toISOString().slice(0, 10)}, loopback, ${cpus().length} CPUs shared with
other work; the full run, with throughput, is in [performance.md](performance.md#latency-simian-latency-proxy-against-toxiproxy-and-netem)):

| backend | requested | p50 (ms) | p99 (ms) | \\|p50 − requested\\| | \\|p99 − requested\\| |
| --- | --- | --- | --- | --- | --- |
${fidelity.map((row) => row.replace(/^(\| [^|]+\| [^|]+\|) [^|]+\|/, '$1')).join('\n')}

With no fault, the proxy adds ${overheadOf(contenders[0]!.name)} to a round trip (toxiproxy: ${overheadOf(contenders[1]!.name)}).
With 10 % jitter, p99 sits about one jitter above the request by design (uniform ± jitter); what
is above that is the machine's scheduling. ${netem.note}
${stalls.length ? `\nStalled rounds (no figures from them): ${stalls.join('; ')}.\n` : ''}`;
  process.stdout.write(`${body}\n${accuracy}\n`);
  if (write) {
    await writePerformanceSection(join(ROOT, 'docs/performance.md'), 'latency', body);
    await writePerformanceSection(join(ROOT, 'docs/latency.md'), 'latency-accuracy', accuracy);
    say('wrote docs/performance.md and docs/latency.md');
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
