import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { actionOn, deletingMonkey, MemoryProvider, pod } from '@simian/testing';
import { parseConfigText } from '../config/load.js';
import type { DomainEvent } from '../events.js';
import { faultStampValues } from '../faults/fault-stamp.js';
import { silentLogger } from '../logger.js';
import type { Monkey } from '../monkey.js';
import { Registry } from '../registry.js';
import type { Reporter } from '../reporter.js';
import { Store } from '../store/store.js';
import type { ActionOutcome } from '../types.js';
import { applyPlanFile, makePlanFile } from './plan-file.js';
import { runMonkeys } from './run.js';

const NOW = new Date('2026-11-23T10:00:00Z');
const IN_5_MIN = '2026-11-23T10:05:00Z';
const ALWAYS =
  'windows:\n        days: [sun, mon, tue, wed, thu, fri, sat]\n        hours: { start: "00:00", end: "24:00" }';

function configFor(registry: Registry, monkeyYaml = '    dryRun: false\n') {
  const dir = mkdtempSync(join(tmpdir(), 'simian-session-'));
  const text = `version: 1\nsafety:\n  blastRadius:\n    minHealthy: 0\n    maxGroupShare: 1\nmonkeys:\n  test:\n    enabled: true\n    schedule:\n      ${ALWAYS}\n${monkeyYaml}`;
  return parseConfigText(text, join(dir, 'simian.yaml'), registry, { env: {} });
}

/** A monkey that injects a fault on every pod it lists, with a deadline five minutes on. */
function faultingMonkey(extra: Partial<Monkey> = {}): Monkey {
  return deletingMonkey({
    async plan(ctx) {
      const listings = await ctx.inventory.listAll('kubernetes', 'Pod');
      const pods = listings.flatMap((l) => l.items);
      return {
        monkey: 'test',
        findings: [],
        actions: pods.map((p) =>
          actionOn(p, {
            id: `lag-${p.name}`,
            verb: 'inject-fault',
            reversible: true,
            deadline: IN_5_MIN,
            dependsOn: listings.map((l) => l.key),
          }),
        ),
        groups: { 'shop/web': { total: pods.length, healthy: pods.length } },
      };
    },
    ...extra,
  });
}

/** A reporter that writes down every hook call in a line each. */
function recorder(): Reporter & { seen: string[] } {
  const seen: string[] = [];
  return {
    name: 'recorder',
    seen,
    onRunStart: (r) => void seen.push(`start ${r.monkeys.join(',')}`),
    onPlan: (p) => void seen.push(`plan ${p.allowed.length} allowed`),
    onAction: (o) =>
      void seen.push(`action ${o.action.verb} ${o.action.resource.name} ${o.status}`),
    onEvent: (e: DomainEvent) => void seen.push(`event ${e.type} ${e.subject}`),
    onRunEnd: (r) => void seen.push(`end ${r.status}`),
  };
}

const ledgerOf = (store: Store) =>
  store
    .ledger()
    .reverse()
    .map((r) => `${r.monkey} ${r.verb} ${r.ref} ${r.status}`);

describe('one road for every action', () => {
  let store: Store;
  const logger = silentLogger();
  beforeEach(() => {
    store = new Store(':memory:');
  });
  afterEach(() => store.close());

  it('a plan applied through `run` and through a plan file leaves the same ledger and reporter events', async () => {
    const registry = new Registry().registerMonkey(faultingMonkey());
    const config = configFor(registry);

    const viaRun = recorder();
    await runMonkeys({
      config,
      registry,
      store,
      logger,
      mode: 'run',
      providers: [new MemoryProvider('kubernetes', [pod('a'), pod('b')])],
      now: NOW,
      env: {},
      reporters: [viaRun],
    });
    const runLedger = ledgerOf(store);

    const fileStore = new Store(':memory:');
    const planned = await runMonkeys({
      config,
      registry,
      store: fileStore,
      logger,
      mode: 'plan',
      providers: [new MemoryProvider('kubernetes', [pod('a'), pod('b')])],
      now: NOW,
      env: {},
      reporters: [],
    });
    const viaFile = recorder();
    await applyPlanFile({
      plan: makePlanFile(planned, config.source.file),
      config,
      registry,
      store: fileStore,
      logger,
      providers: [new MemoryProvider('kubernetes', [pod('a'), pod('b')])],
      now: NOW,
      env: {},
      reporters: [viaFile],
    });
    const fileLedger = ledgerOf(fileStore);
    fileStore.close();

    expect(runLedger).toEqual([
      'test inject-fault k8s:test/shop/Pod/a succeeded',
      'test inject-fault k8s:test/shop/Pod/b succeeded',
      'test remove-fault k8s:test/shop/Pod/a succeeded',
      'test remove-fault k8s:test/shop/Pod/b succeeded',
    ]);
    expect(fileLedger).toEqual(runLedger);
    expect(viaRun.seen).toEqual([
      'start test',
      'plan 2 allowed',
      'action inject-fault a succeeded',
      'event fault-injected shop/web',
      'action inject-fault b succeeded',
      'event fault-injected shop/web',
      'action remove-fault a succeeded',
      'event fault-removed shop/web',
      'action remove-fault b succeeded',
      'event fault-removed shop/web',
      'end completed',
    ]);
    // A plan file is judged again, so the file's road reports no separate plan; the rest agrees.
    expect(viaFile.seen).toEqual(viaRun.seen.filter((l) => !l.startsWith('plan ')));
  });

  it('`simian apply` of a plan whose run is interrupted removes the faults it injected', async () => {
    const registry = new Registry().registerMonkey(faultingMonkey());
    const config = configFor(registry);
    const planned = await runMonkeys({
      config,
      registry,
      store,
      logger,
      mode: 'plan',
      providers: [new MemoryProvider('kubernetes', [pod('a'), pod('b')])],
      now: NOW,
      env: {},
    });
    const provider = new MemoryProvider('kubernetes', [pod('a'), pod('b')]);
    const controller = new AbortController();
    provider.onExecute = async (a) => {
      if (a.verb === 'inject-fault') controller.abort(new Error('SIGTERM'));
    };
    const result = await applyPlanFile({
      plan: makePlanFile(planned, config.source.file),
      config,
      registry,
      store,
      logger,
      providers: [provider],
      now: NOW,
      env: {},
      signal: controller.signal,
    });
    expect(result.status).toBe('interrupted');
    expect(provider.calls.map((c) => `${c.verb} ${c.ref}`)).toEqual([
      'inject-fault k8s:test/shop/Pod/a',
      'remove-fault k8s:test/shop/Pod/a',
    ]);
    expect(result.monkeys[0]!.outcomes.map((o) => `${o.action.verb} ${o.status}`)).toEqual([
      'inject-fault succeeded',
      'inject-fault interrupted',
      'remove-fault succeeded',
    ]);
    expect((await provider.read('k8s:test/shop/Pod/a'))!.marks).toEqual({});
  });

  it("enforces a fault's deadline while the monkey is still busy", async () => {
    let removedWhileBusy = false;
    const provider = new MemoryProvider('kubernetes', [pod('a')]);
    const monkey = faultingMonkey({
      async apply(ctx, gated): Promise<ActionOutcome[]> {
        const deadline = new Date(NOW.getTime() + 150).toISOString();
        const injected = await ctx.executor.execute({ ...gated.allowed[0]!, deadline });
        await new Promise((r) => setTimeout(r, 600));
        removedWhileBusy = provider.calls.some((c) => c.verb === 'remove-fault');
        return [injected];
      },
    });
    const registry = new Registry().registerMonkey(monkey);
    const result = await runMonkeys({
      config: configFor(registry),
      registry,
      store,
      logger,
      mode: 'run',
      providers: [provider],
      now: NOW,
      env: {},
    });
    expect(removedWhileBusy).toBe(true);
    expect(provider.calls.map((c) => c.verb)).toEqual(['inject-fault', 'remove-fault']);
    expect(store.ledger()[0]!.reason).toBe('remove fault lag-a: its deadline passed');
    expect(result.monkeys[0]!.outcomes.map((o) => o.action.verb)).toEqual(['inject-fault']);
  });

  it('a monkey that returns without removing its fault has it removed for it', async () => {
    const provider = new MemoryProvider('kubernetes', [pod('a')]);
    const registry = new Registry().registerMonkey(faultingMonkey());
    await runMonkeys({
      config: configFor(registry),
      registry,
      store,
      logger,
      mode: 'run',
      providers: [provider],
      now: NOW,
      env: {},
    });
    expect(store.ledger()[0]).toMatchObject({
      verb: 'remove-fault',
      status: 'succeeded',
      reason: 'remove fault lag-a: the monkey ended without removing it',
    });
  });

  it('in dry-run a fault is neither injected nor removed', async () => {
    const provider = new MemoryProvider('kubernetes', [pod('a')]);
    const registry = new Registry().registerMonkey(faultingMonkey());
    await runMonkeys({
      config: configFor(registry, ''),
      registry,
      store,
      logger,
      mode: 'run',
      providers: [provider],
      now: NOW,
      env: {},
    });
    expect(provider.calls).toEqual([
      { verb: 'inject-fault', ref: 'k8s:test/shop/Pod/a', dryRun: true },
    ]);
    expect((await provider.read('k8s:test/shop/Pod/a'))!.marks).toEqual({});
  });
});

describe('the reaper', () => {
  let store: Store;
  const logger = silentLogger();
  beforeEach(() => {
    store = new Store(':memory:');
  });
  afterEach(() => store.close());

  /** Pod `name` carrying a fault of a dead run that expires at `expiresAt`. */
  const faulted = (name: string, expiresAt: string) => ({
    ...pod(name),
    marks: faultStampValues({
      expiresAt,
      runId: 'dead-run',
      monkey: 'latency',
      actionId: `lag-${name}`,
      injectedAt: '2026-11-23T09:00:00Z',
    }),
  });

  it('at the start of a run removes faults past their expiry, and keeps the others', async () => {
    const provider = new MemoryProvider('kubernetes', [
      faulted('old', '2026-11-23T09:59:00Z'),
      faulted('fresh', '2026-11-23T10:30:00Z'),
    ]);
    const registry = new Registry().registerMonkey(deletingMonkey());
    const result = await runMonkeys({
      config: configFor(registry, ''),
      registry,
      store,
      logger,
      mode: 'run',
      providers: [provider],
      now: NOW,
      env: {},
    });
    expect(provider.calls.filter((c) => c.verb === 'remove-fault')).toEqual([
      { verb: 'remove-fault', ref: 'k8s:test/shop/Pod/old', dryRun: false },
    ]);
    expect((await provider.read('k8s:test/shop/Pod/old'))!.marks).toEqual({});
    expect((await provider.read('k8s:test/shop/Pod/fresh'))!.marks).toMatchObject({
      'faults.simian.dev/run': 'dead-run',
    });
    const reaped = store.ledger({ runId: result.runId }).find((r) => r.verb === 'remove-fault');
    expect(reaped).toMatchObject({
      monkey: 'reaper',
      status: 'succeeded',
      reason: 'fault lag-old of run dead-run (latency) expired at 2026-11-23T09:59:00Z',
    });
  });

  it('removes faults even while the kill switch is engaged, and never during a plan', async () => {
    const registry = new Registry().registerMonkey(deletingMonkey());
    const planned = new MemoryProvider('kubernetes', [faulted('old', '2026-11-23T09:59:00Z')]);
    await runMonkeys({
      config: configFor(registry, ''),
      registry,
      store,
      logger,
      mode: 'plan',
      providers: [planned],
      now: NOW,
      env: {},
    });
    expect(planned.calls).toEqual([]);

    const killed = new MemoryProvider('kubernetes', [faulted('old', '2026-11-23T09:59:00Z')]);
    await runMonkeys({
      config: configFor(registry, ''),
      registry,
      store,
      logger,
      mode: 'run',
      providers: [killed],
      now: NOW,
      env: { SIMIAN_KILL_SWITCH: '1' },
    });
    expect(killed.calls.map((c) => c.verb)).toEqual(['remove-fault']);
  });
});
