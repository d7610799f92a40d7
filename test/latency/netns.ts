// Two network namespaces joined by a veth pair, each with a default route over it: a small real
// network for the latency tests and the benchmark (root and `ip netns` needed).
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';

export interface NetnsPair {
  /** Namespace names. */
  a: string;
  b: string;
  /** Interface names inside each. */
  ifA: string;
  ifB: string;
  ipA: string;
  ipB: string;
  /** Runs `args` in namespace `ns` and returns stdout. */
  exec(ns: string, args: string[], input?: string): string;
  remove(): void;
}

const ip = (...args: string[]) => execFileSync('ip', args, { stdio: 'pipe' }).toString();

export function createNetnsPair(): NetnsPair {
  const id = randomBytes(3).toString('hex');
  const a = `simian-a-${id}`;
  const b = `simian-b-${id}`;
  // Deliberately not eth0: the netem script must find the interface itself.
  const ifA = `sva${id}`;
  const ifB = `svb${id}`;
  const octet = 16 + (parseInt(id, 16) % 200);
  const ipA = `10.${octet}.77.1`;
  const ipB = `10.${octet}.77.2`;
  ip('netns', 'add', a);
  ip('netns', 'add', b);
  try {
    ip('link', 'add', ifA, 'type', 'veth', 'peer', 'name', ifB);
    ip('link', 'set', ifA, 'netns', a);
    ip('link', 'set', ifB, 'netns', b);
    for (const [ns, dev, addr, via] of [
      [a, ifA, ipA, ipB],
      [b, ifB, ipB, ipA],
    ] as const) {
      ip('-n', ns, 'link', 'set', 'lo', 'up');
      ip('-n', ns, 'addr', 'add', `${addr}/24`, 'dev', dev);
      ip('-n', ns, 'link', 'set', dev, 'up');
      ip('-n', ns, 'route', 'add', 'default', 'via', via, 'dev', dev);
    }
  } catch (e) {
    for (const ns of [a, b]) {
      try {
        ip('netns', 'del', ns);
      } catch {
        // already gone
      }
    }
    throw e;
  }
  return {
    a,
    b,
    ifA,
    ifB,
    ipA,
    ipB,
    exec: (ns, args, input) =>
      execFileSync('ip', ['netns', 'exec', ns, ...args], {
        stdio: 'pipe',
        ...(input !== undefined ? { input } : {}),
      }).toString(),
    remove: () => {
      for (const ns of [a, b]) {
        try {
          ip('netns', 'del', ns);
        } catch {
          // already gone
        }
      }
    },
  };
}

/** Whether this kernel has netem: one probe in a namespace of its own, removed after. */
export function kernelHasNetem(): boolean {
  const ns = `simian-probe-${randomBytes(3).toString('hex')}`;
  ip('netns', 'add', ns);
  try {
    ip('-n', ns, 'link', 'set', 'lo', 'up');
    execFileSync(
      'ip',
      ['netns', 'exec', ns, 'tc', 'qdisc', 'add', 'dev', 'lo', 'root', 'netem', 'delay', '1ms'],
      {
        stdio: 'pipe',
      },
    );
    return true;
  } catch {
    return false;
  } finally {
    ip('netns', 'del', ns);
  }
}
