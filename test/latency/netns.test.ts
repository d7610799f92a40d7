// Real sockets between two network namespaces joined by a veth pair (root and `ip netns`
// needed; CI runs as root on the same machine kind):
// - the latency proxy's fidelity across them, with the proxy run as `simian latency proxy`;
// - the netem script on this kernel. These machines have no netem (CONFIG_NET_SCH_NETEM unset):
//   there the script must fail loudly and change nothing; on a kernel with netem it must inject
//   and remove the qdisc itself at the expiry. The test takes whichever path the kernel allows
//   and says which.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { netemClearScript, netemScript } from '@simian/provider-kubernetes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNetnsPair, kernelHasNetem, type NetnsPair } from './netns.js';
import { simianCommand } from './support.js';

const fixtures = join(import.meta.dirname, 'fixtures');
let net: NetnsPair;
const started: ChildProcess[] = [];
beforeAll(() => {
  net = createNetnsPair();
});
afterAll(() => {
  for (const c of started) c.kill('SIGKILL');
  net?.remove();
});

function inNamespace(ns: string, args: string[]): ChildProcess {
  const child = spawn('ip', ['netns', 'exec', ns, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  started.push(child);
  return child;
}
const firstLine = (child: ChildProcess) =>
  new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.setEncoding('utf8').on('data', (d: string) => {
      out += d;
      if (out.includes('\n')) resolve(out.split('\n')[0]!);
    });
    child.once('exit', (code) => reject(new Error(`exited ${code} before printing`)));
  });
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const qdiscs = (ns: string, dev: string) => net.exec(ns, ['tc', 'qdisc', 'show', 'dev', dev]);

describe('the latency proxy across two network namespaces', () => {
  it('a client in one namespace sees the 200 ms asked for, the proxy and server in the other', async () => {
    const echo = inNamespace(net.b, [
      process.execPath,
      join(fixtures, 'echo-server.mjs'),
      '127.0.0.1',
      '7000',
    ]);
    await firstLine(echo);
    // `simian latency proxy` in namespace b.
    const inB = inNamespace(
      net.b,
      simianCommand([
        'latency',
        'proxy',
        '--listen',
        `${net.ipB}:7001`,
        '--upstream',
        '127.0.0.1:7000',
        '--delay',
        '200ms',
        '--for',
        '60s',
      ]),
    );
    expect(await firstLine(inB)).toMatch(
      new RegExp(
        `^proxy ${net.ipB.replaceAll('.', '\\.')}:7001 -> 127\\.0\\.0\\.1:7000: latency 200ms downstream`,
      ),
    );

    const rtts = JSON.parse(
      net.exec(net.a, [process.execPath, join(fixtures, 'round-trips.mjs'), net.ipB, '7001', '15']),
    ) as number[];
    expect(rtts).toHaveLength(15);
    expect(median(rtts)).toBeGreaterThanOrEqual(199);
    expect(median(rtts)).toBeLessThan(450);
    inB.kill('SIGTERM');
  });
});

describe(`the netem script on this kernel (${kernelHasNetem() ? 'netem present' : 'no netem'})`, () => {
  const spec = { delayMs: 100, jitterMs: 10, expectedPacketsPerSecond: 1000 };
  const run = (script: string) =>
    spawnSync('ip', ['netns', 'exec', net.b, 'sh', '-c', script], {
      encoding: 'utf8',
      timeout: 30_000,
    });

  it('finds the interface of the default route (not eth0) and injects, or fails loudly leaving nothing behind', () => {
    const before = qdiscs(net.b, net.ifB);
    const end = Math.floor(Date.now() / 1000) + 3;
    const t0 = Date.now();
    const r = run(netemScript({ spec, handle: '5e42', endEpochSeconds: end }));
    if (kernelHasNetem()) {
      expect(r.status).toBe(0);
      expect(r.stdout).toContain(`netem delay 100ms 10ms limit 1000 on ${net.ifB} until ${end}`);
      expect(r.stdout).toContain(`removed from ${net.ifB}`);
      expect(Date.now() - t0).toBeGreaterThanOrEqual(1900);
    } else {
      expect(r.status).toBe(4);
      expect(r.stderr).toContain(`could not add netem to ${net.ifB}`);
      expect(r.stderr).toContain(
        'this kernel has no netem (CONFIG_NET_SCH_NETEM); nothing changed',
      );
      expect(Date.now() - t0).toBeLessThan(1500);
    }
    expect(qdiscs(net.b, net.ifB)).toBe(before);
  });

  it("never touches a root qdisc that is not its own: another tool's stays, whatever the kernel", () => {
    net.exec(net.b, [
      'tc',
      'qdisc',
      'add',
      'dev',
      net.ifB,
      'root',
      'handle',
      '1:',
      'tbf',
      'rate',
      '10mbit',
      'burst',
      '32kbit',
      'latency',
      '50ms',
    ]);
    const theirs = qdiscs(net.b, net.ifB);
    expect(theirs).toMatch(/^qdisc tbf 1: root/);
    const r = run(
      netemScript({ spec, handle: '5e42', endEpochSeconds: Math.floor(Date.now() / 1000) + 60 }),
    );
    expect(r.status).toBe(4);
    expect(r.stderr).toMatch(/could not add netem to /);
    const cleared = run(netemClearScript('5e42'));
    expect(cleared.status).toBe(0);
    expect(cleared.stdout).toContain(`no qdisc 5e42 on ${net.ifB}; nothing to remove`);
    expect(qdiscs(net.b, net.ifB)).toBe(theirs);
    net.exec(net.b, ['tc', 'qdisc', 'del', 'dev', net.ifB, 'root']);
  });

  it('does nothing once the expiry has passed (a container that started too late)', () => {
    const before = qdiscs(net.b, net.ifB);
    const r = run(
      netemScript({ spec, handle: '5e42', endEpochSeconds: Math.floor(Date.now() / 1000) - 1 }),
    );
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('the expiry passed before the start; nothing changed');
    expect(qdiscs(net.b, net.ifB)).toBe(before);
  });
});
