import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { runMonkeys, seededRng, silentLogger, Store, type DomainEvent } from '@simian/core';
import { MemoryProvider } from '@simian/testing';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { seed003, service } from '../__fixtures__/estate.js';
import { latencyConfig, latencyRegistry } from '../__fixtures__/latency-context.js';
import type { FaultMeasurement } from './judge.js';

// The engine and the monkey's apply loop on the MemoryProvider. The fault's effect on the wire is
// played by a loopback server whose answers slow down while the provider holds the fault: what
// is under test is the measuring and judging, not a backend (the sandbox and the proxy tests
// cover those on real parts).
let server: Server;
let url: string;
const added = { ms: 0 };
beforeAll(async () => {
  server = createServer((_req, res) => setTimeout(() => res.end('ok'), added.ms));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

// Faults are held in wall-clock time, so the run's clock is now, in a window that is always open.
const ALWAYS =
  '      windows:\n        days: [sun, mon, tue, wed, thu, fri, sat]\n        hours: { start: "00:00", end: "24:00" }\n';
const FAST = `${ALWAYS}    dryRun: false\n    measure: { samples: 4, interval: 0ms, settle: 0ms }\n    onProbeTimeout: warn\n`;

describe('the latency monkey in the engine', () => {
  let store: Store;
  let events: DomainEvent[];
  beforeEach(() => {
    store = new Store(':memory:');
    events = [];
    added.ms = 0;
  });
  afterEach(() => store.close());

  /** Runs the monkey once; the fault "adds" `effectMs` while it is in place. */
  async function run(yaml: string, effectMs: number, signal?: AbortSignal) {
    const estate = seed003().map((r) =>
      r.kind === 'Service' && r.name === 'middle'
        ? service('middle', {
            labels: { 'latency.simian.dev/enabled': 'true' },
            annotations: { 'latency.simian.dev/probe-url': url },
          })
        : r,
    );
    const k8s = new MemoryProvider('kubernetes', estate);
    k8s.onExecute = async (action) => {
      if (action.verb === 'inject-fault') added.ms = effectMs;
      if (action.verb === 'remove-fault') added.ms = 0;
    };
    const result = await runMonkeys({
      config: latencyConfig(yaml),
      registry: latencyRegistry(),
      store,
      logger: silentLogger(),
      mode: 'run',
      providers: [k8s],
      rng: seededRng(1),
      env: {},
      reporters: [{ name: 'events', onEvent: (e) => void events.push(e) }],
      ...(signal ? { signal } : {}),
    });
    return { result, k8s, entry: result.monkeys[0]! };
  }

  it('measures before, during and after, and says requested vs measured on the outcome and in an event', async () => {
    const { entry, k8s } = await run(`${FAST}    fault: { delay: 120ms, duration: 1s }\n`, 120);
    expect(k8s.calls.map((c) => c.verb)).toEqual(['inject-fault', 'remove-fault']);
    expect(entry.outcomes.map((o) => [o.action.verb, o.status])).toEqual([
      ['inject-fault', 'succeeded'],
      ['remove-fault', 'succeeded'],
    ]);
    const m = entry.outcomes[0]!.output!.latency as FaultMeasurement;
    expect(m.target).toBe(url);
    expect(m.requested.delayMs).toBe(120);
    expect(m.before.p50Ms!).toBeLessThan(100);
    expect(m.during!.p50Ms!).toBeGreaterThanOrEqual(120);
    expect(m.after!.p50Ms!).toBeLessThan(100);
    expect(m.fidelity).toMatchObject({ verdict: 'as-requested', requestedMs: 120 });
    expect(entry.gated.findings.filter((f) => f.ruleId === 'latency-fidelity')).toEqual([]);
    expect(events.map((e) => e.type)).toEqual([
      'fault-injected',
      'fault-removed',
      'latency-measured',
    ]);
    expect(events[2]!.text).toMatch(
      /^Latency on k8s:test\/shop\/Service\/middle: added \d+(\.\d)? ms at p50/,
    );
    // The removal came from the monkey, when the duration was over, not from the engine's net.
    expect(entry.outcomes[1]!.action.reason).toMatch(/its duration \(1s\) is over$/);
    const held = Date.parse(entry.outcomes[1]!.startedAt) - Date.parse(entry.outcomes[0]!.endedAt);
    expect(held).toBeGreaterThanOrEqual(990);
  });

  it('a delay several times the request is a finding on the fault, recorded with the run', async () => {
    const { entry } = await run(`${FAST}    fault: { delay: 50ms, duration: 1s }\n`, 200);
    const finding = entry.gated.findings.find((f) => f.ruleId === 'latency-fidelity');
    expect(finding).toMatchObject({
      severity: 'medium',
      resource: { kind: 'chaos-mesh.org/v1alpha1/NetworkChaos' },
      group: 'k8s:test/shop/Service/middle',
    });
    expect(finding!.message).toMatch(
      /^requested 50ms of delay: added \d+(\.\d)? ms at p50, [3-9](\.\d+)?x the 50 ms requested \(outside 0.8x-1.5x\)/,
    );
    expect(store.findingTrend(3650).map((t) => t.ruleId)).toContain('latency-fidelity');
  });

  it('a fault that delays nothing (no controller behind it) is a finding too, not hidden', async () => {
    const { entry } = await run(`${FAST}    fault: { delay: 1500ms, duration: 1s }\n`, 0);
    const m = entry.outcomes[0]!.output!.latency as FaultMeasurement;
    expect(m.fidelity?.verdict).toBe('too-little');
    expect(entry.gated.findings.map((f) => f.ruleId)).toEqual(
      expect.arrayContaining(['latency-probe-timeout', 'latency-fidelity']),
    );
  });

  it('interrupted while the fault is held: it comes out at once, through the executor', async () => {
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(new Error('SIGTERM')), 400);
    const { entry, k8s } = await run(
      `${FAST}    fault: { delay: 100ms, duration: 10m }\n`,
      100,
      controller.signal,
    );
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(k8s.calls.map((c) => c.verb)).toEqual(['inject-fault', 'remove-fault']);
    expect(entry.outcomes[1]).toMatchObject({
      status: 'succeeded',
      action: { verb: 'remove-fault', reason: expect.stringMatching(/the run was interrupted$/) },
    });
    expect(added.ms).toBe(0);
  });

  it('in dry-run: nothing is measured or held, every fault goes to the provider as a dry run', async () => {
    const { entry, k8s } = await run(
      `${ALWAYS}    measure: { samples: 4, interval: 0ms, settle: 0ms }\n    fault: { delay: 100ms, duration: 10m }\n`,
      100,
    );
    expect(k8s.calls).toEqual([expect.objectContaining({ verb: 'inject-fault', dryRun: true })]);
    expect(entry.outcomes.map((o) => o.status)).toEqual(['dry-run']);
  });
});
