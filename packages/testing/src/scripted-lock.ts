import type { LeaderLock } from '@simian/core';

/**
 * A leader lock whose answers a test scripts (n counts the calls, from 1): core's own interface,
 * standing in for the file and Lease locks, whose behaviour against a real file system and a
 * real kube-apiserver is tested on its own. A `keep` that throws plays an unreachable API server.
 */
export class ScriptedLock implements LeaderLock {
  readonly description = 'scripted lock';
  readonly renewIntervalMs = 10;
  acquires = 0;
  renews = 0;
  released = 0;
  constructor(
    private readonly grant: (n: number) => boolean,
    private readonly keep: (n: number) => boolean,
  ) {}
  async acquire() {
    return this.grant(++this.acquires);
  }
  async renew() {
    return this.keep(++this.renews);
  }
  async release() {
    this.released++;
  }
}
