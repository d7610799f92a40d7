/**
 * Probe benchmark (issue 14): the TLS probes of the security monkey over 1,000 HTTPS endpoints on
 * loopback, with bounded concurrency, as `runProbes` does it for a plan or `simian probe`. The
 * servers run in a process of their own (test/bench/probe-servers.ts); both share the machine's
 * cores, as a prober and its targets never would. Writes the figures into docs/performance.md
 * between `<!-- bench:probe -->` markers.
 *
 *   node --conditions=@simian/source --import tsx test/bench/probe-endpoints.ts
 *     [--count 1000] [--concurrency 64] [--rate 10] [--no-write]
 */
import { spawn } from 'node:child_process';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { createInterface } from 'node:readline';
import { runProbes, targetFromUrl } from '@simian/security-monkey';
import { writePerformanceSection } from './performance-doc.js';

const ROOT = resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const run = promisify(execFile);
const args = process.argv.slice(2);
const option = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] !== undefined ? args[i + 1]! : fallback;
};
const count = Number(option('count', '1000'));
const concurrency = Number(option('concurrency', '64'));
const rate = Number(option('rate', '10'));
const write = !args.includes('--no-write');
const say = (line: string) => process.stderr.write(`[bench:probe] ${line}\n`);

async function certificate(dir: string): Promise<{ cert: string; key: string; ca: string }> {
  const key = join(dir, 'key.pem');
  const cert = join(dir, 'cert.pem');
  await run('openssl', [
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:P-256',
    '-nodes',
    '-keyout',
    key,
    '-out',
    cert,
    '-subj',
    '/CN=probe-bench',
    '-days',
    '365',
    '-addext',
    'subjectAltName=IP:127.0.0.1,DNS:localhost',
  ]);
  return { cert, key, ca: await readFile(cert, 'utf8') };
}

async function main(): Promise<void> {
  const work = await mkdtemp(join(tmpdir(), 'simian-bench-probe-'));
  const pem = await certificate(work);
  say(`starting ${count} HTTPS servers on loopback`);
  const servers = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      join(ROOT, 'test/bench/probe-servers.ts'),
      pem.cert,
      pem.key,
      String(count),
    ],
    {
      cwd: ROOT,
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  try {
    const ports = await new Promise<number[]>((resolvePorts, reject) => {
      servers.once('exit', (code) => reject(new Error(`the servers exited (${code})`)));
      createInterface({ input: servers.stdout! }).once('line', (line) =>
        resolvePorts(JSON.parse(line) as number[]),
      );
    });
    const targets = ports.map((port) =>
      targetFromUrl(`https://127.0.0.1:${port}`, {
        allow: { addresses: ['127.0.0.1'], names: [] },
        source: 'config',
      }),
    );
    const load = loadavg()[0]!;
    say(
      `probing ${targets.length} endpoints: TLS only, ${concurrency} connections at once, ${rate} new connections/s per endpoint`,
    );
    const cpu = process.cpuUsage();
    const result = await runProbes(targets, {
      limits: { concurrency, perEndpointRate: rate },
      timeoutMs: 10_000,
      maxBodyBytes: 65_536,
      tls: { expiryHighDays: 30, expiryWarnDays: 60, extraCa: [pem.ca] },
      exposure: false,
    });
    const used = process.cpuUsage(cpu);
    const graded = result.targets.filter((t) => t.tls).length;
    const grades = [...new Set(result.targets.map((t) => t.tls?.grade ?? 'none'))].join(', ');
    const seconds = result.durationMs / 1000;
    const report = [
      '## Probing 1,000 TLS endpoints',
      '',
      `Written by \`npm run bench:probe\` (\`test/bench/probe-endpoints.ts\`) on ${new Date().toISOString().slice(0, 10)}:`,
      `${cpus()[0]?.model.trim() ?? 'unknown CPU'}, ${cpus().length} cores, Node ${process.version}; load average (1 min) ${load.toFixed(1)} at the start, on a shared`,
      'machine. The targets are HTTPS servers on loopback in a second Node process (TLS 1.2 and 1.3, one',
      'P-256 certificate, HSTS), so prober and servers share the same two cores.',
      '',
      'Each endpoint gets what the security monkey does to an HTTPS endpoint without the exposure checks:',
      'one full handshake (certificate, protocol, cipher, key exchange), a raw SSLv3, TLS 1.0 and TLS 1.1',
      'ClientHello and one offering only weak suites (each closed after the first answer), and a GET / for',
      'the HSTS header: 6 connections, paced per endpoint and bounded over all.',
      '',
      '| endpoints | concurrency | per-endpoint rate | wall time | prober CPU | connections | graded | grades |',
      '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
      `| ${count.toLocaleString('en-US')} | ${concurrency} | ${rate}/s | ${seconds.toFixed(1)} s | ${((used.user + used.system) / 1e6).toFixed(1)} s | ${result.connections.toLocaleString('en-US')} | ${graded} | ${grades} |`,
      '',
      `${(count / seconds).toFixed(0)} endpoints a second; the goal is 1,000 within 20 s on 2 cores: ${seconds <= 20 ? 'met' : 'not met on this run'}.`,
      `Concurrency here is ${concurrency} (\`probes.concurrency\`, \`simian probe --concurrency\`; the default is 16, for`,
      'production networks): more runs more handshakes at once, while the per-endpoint rate keeps any one',
      'server from seeing more than that many new connections a second whatever the concurrency.',
    ].join('\n');
    process.stdout.write(`${report}\n`);
    if (graded !== count) throw new Error(`only ${graded} of ${count} endpoints were graded`);
    if (write) {
      await writePerformanceSection(join(ROOT, 'docs/performance.md'), 'probe', report);
      say('wrote docs/performance.md (section bench:probe)');
    }
  } finally {
    servers.stdin!.end();
    servers.kill();
    await rm(work, { recursive: true, force: true });
    await writeFile('/dev/null', '');
  }
}

await main();
