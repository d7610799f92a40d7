import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { SimianError } from '../errors.js';

/** Makes sure one daemon replica acts at a time. */
export interface LeaderLock {
  readonly description: string;
  /** Who this replica is to the lock (a Lease's holderIdentity), recorded on the runs it makes. */
  readonly identity?: string;
  /**
   * How often the holder must renew while it waits for a slot (a Lease expires unrenewed).
   * @default 60 s: the daemon checks a lock that does not expire this often
   */
  readonly renewIntervalMs?: number;
  /** True when this process now holds the lock. */
  acquire(): Promise<boolean>;
  /** Keeps the lock; false when it was lost (stop acting at once). */
  renew(): Promise<boolean>;
  release(): Promise<void>;
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * A lock file holding the owner's pid, created with O_EXCL. A file left by a dead process is taken
 * over. For a daemon on one machine; in a cluster use a Kubernetes Lease.
 */
export class FileLeaderLock implements LeaderLock {
  readonly path: string;
  readonly description: string;

  constructor(path: string) {
    this.path = path;
    this.description = `lock file ${path}`;
  }

  async acquire(): Promise<boolean> {
    mkdirSync(dirname(this.path), { recursive: true });
    for (let attempt = 0; attempt < 2; attempt++) {
      try {
        const fd = openSync(this.path, 'wx');
        writeSync(fd, String(process.pid));
        closeSync(fd);
        return true;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') {
          throw new SimianError('STORE', `cannot create ${this.path}: ${(e as Error).message}`);
        }
        const owner = Number(readFileSync(this.path, 'utf8').trim());
        if (owner === process.pid) return true;
        if (Number.isInteger(owner) && owner > 0 && pidAlive(owner)) return false;
        rmSync(this.path, { force: true });
      }
    }
    return false;
  }

  async renew(): Promise<boolean> {
    try {
      return Number(readFileSync(this.path, 'utf8').trim()) === process.pid;
    } catch {
      return false;
    }
  }

  async release(): Promise<void> {
    if (await this.renew()) rmSync(this.path, { force: true });
  }
}
