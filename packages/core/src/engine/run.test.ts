import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { parseConfigText } from '../config/load.js';
import { SimianError } from '../errors.js';
import { silentLogger } from '../logger.js';
import type { Monkey } from '../monkey.js';
import { Registry } from '../registry.js';
import { Store } from '../store/store.js';
import type { Action, ActionOutcome } from '../types.js';
import { actionOn, deletingMonkey, MemoryProvider, pod } from '@simian/testing';
import { applyPlanFile, makePlanFile, readPlanFile, writePlanFile } from './plan-file.js';
import { effectiveDryRun, runMonkeys } from './run.js';

const ALWAYS =
  'windows:\n        days: [sun, mon, tue, wed, thu, fri, sat]\n        hours: { start: "00:00", end: "24:00" }';
const NOW = new Date('2026-11-23T10:00:00Z');

function configFor(
  registry: Registry,
  monkeyYaml = '',
  top = '',
  dir = mkdtempSync(join(tmpdir(), 'simian-run-')),
) {
  const text = `version: 1\n${top}safety:\n  blastRadius:\n    minHealthy: 0\n    maxGroupShare: 1\nmonkeys:\n  test:\n    enabled: true\n    schedule:\n      ${ALWAYS}\n${monkeyYaml}`;
  return parseConfigText(text, join(dir, 'simian.yaml'), registry, { env: {} });
}

describe('engine', () => {
  let store: Store;
  let provider: MemoryProvider;
  let registry: Registry;
  const logger = silentLogger();

  beforeEach(() => {
    store = new Store(':memory:');
    provider = new MemoryProvider('kubernetes', [pod('a'), pod('b')]);
    registry = new Registry().registerMonkey(deletingMonkey());
  });
  afterEach(() => store.close());

  const run = (
    config = configFor(registry),
    extra: Partial<Parameters<typeof runMonkeys>[0]> = {},
  ) =>
    runMonkeys({
      config,
      registry,
      store,
      logger,
      mode: 'run',
      providers: [provider],
      now: NOW,
      env: {},
      ...extra,
    });

  it('dry-run is the default for destructive monkeys: the provider is called with dryRun and nothing changes', async () => {
    const result = await run();
    expect(result.dryRun).toBe(true);
    expect(provider.calls).toEqual([
      { verb: 'delete', ref: 'k8s:test/shop/Pod/a', dryRun: true },
      { verb: 'delete', ref: 'k8s:test/shop/Pod/b', dryRun: true },
    ]);
    expect(provider.resources.size).toBe(2);
    expect(store.ledger().map((r) => r.status)).toEqual(['dry-run', 'dry-run']);
  });

  it("records a finding the monkey could only make while applying, with the plan's own", async () => {
    registry = new Registry().registerMonkey(
      deletingMonkey({
        async apply(ctx, gated) {
          gated.findings.push({
            ruleId: 'measured',
            severity: 'medium',
            monkey: 'test',
            resource: {
              ref: 'k8s:test/shop/Pod/a',
              kind: 'Pod',
              name: 'a',
              provider: 'kubernetes',
            },
            message: 'measured while acting',
          });
          return [];
        },
      }),
    );
    const result = await run();
    expect(result.monkeys[0]!.gated.findings.map((f) => f.ruleId)).toEqual(['measured']);
    expect(store.findingTrend(3650).map((t) => [t.ruleId, t.count])).toEqual([['measured', 1]]);
  });

  it('decides dry-run in one place: flag, then a global true, then monkey, then global, then destructive', () => {
    const destructive = { destructive: true };
    expect(effectiveDryRun({}, destructive, {})).toBe(true);
    expect(effectiveDryRun({}, { destructive: false }, {})).toBe(false);
    expect(effectiveDryRun({ dryRun: false }, destructive, {})).toBe(false);
    expect(effectiveDryRun({ dryRun: true }, destructive, { dryRun: false })).toBe(true);
    expect(effectiveDryRun({ dryRun: false }, destructive, { dryRun: true })).toBe(true);
    expect(effectiveDryRun({ dryRun: true }, destructive, {}, false)).toBe(false);
  });

  it('plan mode has no side effects', async () => {
    const result = await run(configFor(registry, '    dryRun: false\n'), { mode: 'plan' });
    expect(result.monkeys[0]!.gated.allowed).toHaveLength(2);
    expect(provider.calls).toEqual([]);
    expect(store.ledger()).toEqual([]);
  });

  it('acts when the config turns dry-run off, writing the ledger before and after', async () => {
    const result = await run(configFor(registry, '    dryRun: false\n'));
    expect(result.status).toBe('completed');
    expect(provider.resources.size).toBe(0);
    expect(store.ledger().map((r) => [r.status, r.endedAt !== null])).toEqual([
      ['succeeded', true],
      ['succeeded', true],
    ]);
  });

  it('re-reads each resource before acting: gone or opted out since planning is skipped with the reason', async () => {
    const m = deletingMonkey({
      async apply(ctx, gated) {
        provider.resources.delete('k8s:test/shop/Pod/a');
        provider.resources.set('k8s:test/shop/Pod/b', pod('b', { 'simian.dev/opt-out': 'true' }));
        const out: ActionOutcome[] = [];
        for (const a of gated.allowed) out.push(await ctx.executor.execute(a));
        return out;
      },
    });
    registry = new Registry().registerMonkey(m);
    const result = await run(configFor(registry, '    dryRun: false\n'));
    expect(result.monkeys[0]!.outcomes.map((o) => [o.status, o.reason])).toEqual([
      ['skipped', 'the resource is gone'],
      ['skipped', 'changed since planning: opted out with simian.dev/opt-out=true'],
    ]);
    expect(provider.calls).toEqual([]);
  });

  it("re-checks the monkey's own rule on the fresh read", async () => {
    registry = new Registry().registerMonkey(
      deletingMonkey({
        recheck: async (_c, _a, fresh) =>
          fresh.name === 'a' ? { ok: false, reason: 'now conforming' } : { ok: true },
      }),
    );
    const result = await run(configFor(registry, '    dryRun: false\n'));
    expect(result.monkeys[0]!.outcomes.map((o) => o.status)).toEqual(['skipped', 'succeeded']);
    expect(result.monkeys[0]!.outcomes[0]!.reason).toBe('no longer applies: now conforming');
  });

  it('stops between actions when the kill switch file appears mid-run', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'simian-ks-'));
    provider.onExecute = async () => writeFileSync(join(dir, '.simian-kill'), '');
    const config = configFor(registry, '    dryRun: false\n', '', dir);
    config.safety.killSwitch.file = '.simian-kill';
    const result = await run(config);
    expect(result.monkeys[0]!.outcomes.map((o) => o.status)).toEqual(['succeeded', 'skipped']);
    expect(result.monkeys[0]!.outcomes[1]!.reason).toContain('kill switch engaged: file');
  });

  it('drops everything when the kill switch env var is set at start', async () => {
    const result = await run(configFor(registry, '    dryRun: false\n'), {
      env: { SIMIAN_KILL_SWITCH: '1' },
    });
    expect(result.monkeys[0]!.gated.allowed).toEqual([]);
    expect(result.monkeys[0]!.gated.dropped.map((d) => d.rule)).toEqual([
      'kill-switch',
      'kill-switch',
    ]);
  });

  it('fails closed: a failed listing gives no actions and is reported as incomplete, not empty', async () => {
    provider.failList.add('Pod');
    const result = await run(configFor(registry, '    dryRun: false\n'));
    expect(result.incomplete).toEqual([
      { key: 'kubernetes:test:Pod', reason: 'listing Pod was throttled (429)' },
    ]);
    expect(provider.calls).toEqual([]);
    // Not "completed": a target that refused us must not leave a CronJob green (exit 3).
    expect(result.status).toBe('incomplete');
    expect(store.runs()[0]).toMatchObject({ status: 'incomplete' });
  });

  it('ends "completed" when every listing it made was complete', async () => {
    const result = await run(configFor(registry, '    dryRun: false\n'));
    expect(result.incomplete).toEqual([]);
    expect(result.status).toBe('completed');
  });

  it('lists each kind once per run, however many monkeys read it', async () => {
    let lists = 0;
    const list = provider.list.bind(provider);
    provider.list = async (kind) => {
      lists++;
      return list(kind);
    };
    const second: Monkey = { ...deletingMonkey(), name: 'second' };
    registry = new Registry().registerMonkey(deletingMonkey()).registerMonkey(second);
    const config = parseConfigText(
      `version: 1\nmonkeys:\n  test:\n    enabled: true\n  second:\n    enabled: true\n`,
      '/tmp/x.yaml',
      registry,
      { env: {} },
    );
    await runMonkeys({
      config,
      registry,
      store,
      logger,
      mode: 'plan',
      providers: [provider],
      now: NOW,
      env: {},
    });
    expect(lists).toBe(1);
  });

  it('on abort (SIGTERM), stops acting and rolls back reversible faults', async () => {
    const controller = new AbortController();
    const faults: Monkey = {
      ...deletingMonkey(),
      async plan(ctx) {
        const pods = (await ctx.inventory.listAll('kubernetes', 'Pod')).flatMap((l) => l.items);
        return {
          monkey: 'test',
          findings: [],
          actions: pods.map((p) =>
            actionOn(p, {
              id: `lag-${p.name}`,
              verb: 'inject-fault',
              reversible: true,
              deadline: '2026-11-23T10:05:00Z',
            }),
          ),
          groups: { 'shop/web': { total: 2, healthy: 2, desired: 2 } },
        };
      },
    };
    registry = new Registry().registerMonkey(faults);
    provider.onExecute = async (a: Action) => {
      if (a.verb === 'inject-fault') controller.abort(new Error('SIGTERM'));
    };
    const result = await run(configFor(registry, '    dryRun: false\n'), {
      signal: controller.signal,
    });
    expect(result.status).toBe('interrupted');
    expect(provider.calls.map((c) => `${c.verb} ${c.ref}`)).toEqual([
      'inject-fault k8s:test/shop/Pod/a',
      'remove-fault k8s:test/shop/Pod/a',
    ]);
    expect(result.monkeys[0]!.outcomes.map((o) => o.status)).toEqual([
      'succeeded',
      'interrupted',
      'succeeded',
    ]);
  });

  it('rolls back reversible faults when the monkey fails', async () => {
    const failing: Monkey = {
      ...deletingMonkey(),
      async apply(ctx, gated) {
        await ctx.executor.execute({
          ...gated.allowed[0]!,
          verb: 'inject-fault',
          reversible: true,
          deadline: '2026-11-23T10:05:00Z',
        });
        throw new SimianError('ACTION_FAILED', 'probe exploded');
      },
    };
    registry = new Registry().registerMonkey(failing);
    const result = await run(configFor(registry, '    dryRun: false\n'));
    expect(result.status).toBe('failed');
    expect(result.monkeys[0]!.error).toBe('probe exploded');
    expect(provider.calls.map((c) => c.verb)).toEqual(['inject-fault', 'remove-fault']);
  });

  it('calls reporters, and a failing reporter does not stop the run', async () => {
    const seen: string[] = [];
    registry.registerReporter({
      name: 'broken',
      onRunStart: () => {
        throw new Error('sink down');
      },
    });
    registry.registerReporter({
      name: 'list',
      onRunStart: () => void seen.push('start'),
      onAction: (o) => void seen.push(o.status),
      onRunEnd: (r) => void seen.push(r.status),
    });
    await run();
    expect(seen).toEqual(['start', 'dry-run', 'dry-run', 'completed']);
  });

  it('refuses a monkey config that accepts unknown keys, at registration', () => {
    expect(() =>
      new Registry().registerMonkey({ ...deletingMonkey(), configSchema: z.object({}) }),
    ).toThrow(/accepts unknown keys/);
  });
});

describe('plan files', () => {
  let store: Store;
  let registry: Registry;
  let provider: MemoryProvider;
  const logger = silentLogger();
  const dir = mkdtempSync(join(tmpdir(), 'simian-plan-'));

  beforeEach(() => {
    store = new Store(':memory:');
    registry = new Registry().registerMonkey(deletingMonkey());
    provider = new MemoryProvider('kubernetes', [pod('a'), pod('b')]);
  });
  afterEach(() => store.close());

  async function savedPlan(maxActions = 1) {
    const config = configFor(registry, '    dryRun: false\n');
    config.safety.blastRadius.maxActionsPerRun = maxActions;
    const result = await runMonkeys({
      config,
      registry,
      store,
      logger,
      mode: 'plan',
      providers: [provider],
      now: NOW,
      env: {},
    });
    const file = join(dir, `plan-${Math.random()}.json`);
    writePlanFile(file, makePlanFile(result, config.source.file));
    return { file, config };
  }

  it('applies only the actions in the file, each re-verified', async () => {
    const { file, config } = await savedPlan(1);
    provider.resources.set('k8s:test/shop/Pod/c', pod('c'));
    const plan = readPlanFile(file, config.safety.planMaxAge, NOW);
    expect(plan.plans[0]!.allowed.map((a) => a.resource.name)).toEqual(['a']);
    const result = await applyPlanFile({
      plan,
      config,
      registry,
      store,
      logger,
      providers: [provider],
      now: NOW,
      env: {},
    });
    expect(provider.calls.map((c) => c.ref)).toEqual(['k8s:test/shop/Pod/a']);
    expect(result.monkeys[0]!.outcomes[0]!.status).toBe('succeeded');
  });

  it('skips an action whose resource is gone by apply time', async () => {
    const { file, config } = await savedPlan(1);
    provider.resources.delete('k8s:test/shop/Pod/a');
    const result = await applyPlanFile({
      plan: readPlanFile(file, config.safety.planMaxAge, NOW),
      config,
      registry,
      store,
      logger,
      providers: [provider],
      now: NOW,
      env: {},
    });
    expect(result.monkeys[0]!.outcomes.map((o) => [o.status, o.reason])).toEqual([
      ['skipped', 'the resource is gone'],
    ]);
  });

  it('refuses a plan that was altered', async () => {
    const { file, config } = await savedPlan(1);
    const text = readFileSync(file, 'utf8').replace('k8s:test/shop/Pod/a', 'k8s:test/shop/Pod/b');
    writeFileSync(file, text);
    expect(() => readPlanFile(file, config.safety.planMaxAge, NOW)).toThrow(
      /was altered after it was written/,
    );
  });

  it('refuses a plan older than safety.planMaxAge', async () => {
    const { file, config } = await savedPlan(1);
    expect(() =>
      readPlanFile(file, config.safety.planMaxAge, new Date(NOW.getTime() + 2 * 3_600_000)),
    ).toThrow(/is 2h old, older than safety.planMaxAge \(1h\)/);
  });

  it('judges a saved plan by the gate again: the kill switch holds it back', async () => {
    const { file, config } = await savedPlan(1);
    const result = await applyPlanFile({
      plan: readPlanFile(file, config.safety.planMaxAge, NOW),
      config,
      registry,
      store,
      logger,
      providers: [provider],
      now: NOW,
      env: { SIMIAN_KILL_SWITCH: 'true' },
    });
    expect(result.monkeys[0]!.gated.dropped.map((d) => d.rule)).toEqual(['kill-switch']);
    expect(provider.calls).toEqual([]);
  });

  it('refuses a plan dated in the future', async () => {
    const { file, config } = await savedPlan(1);
    expect(() =>
      readPlanFile(file, config.safety.planMaxAge, new Date(NOW.getTime() - 10 * 60_000)),
    ).toThrow(/was made at 2026-11-23T10:00:00.000Z, which is in the future/);
  });

  it('judges the resource its ref points at, never the context, namespace or region the file carries beside it', async () => {
    const { file } = await savedPlan(1);
    // The pods live in context "test", which is now out of scope; the file says otherwise.
    const config = configFor(registry, '    dryRun: false\n');
    config.safety.scope.contexts = { include: [], exclude: ['test'] };
    const plan = JSON.parse(readFileSync(file, 'utf8')) as ReturnType<typeof readPlanFile>;
    for (const action of plan.plans[0]!.allowed) {
      action.resource.context = 'not-test';
      action.resource.namespace = 'elsewhere';
    }
    const result = await applyPlanFile({
      plan,
      config,
      registry,
      store,
      logger,
      providers: [provider],
      now: NOW,
      env: {},
    });
    expect(provider.calls).toEqual([]);
    expect(result.monkeys[0]!.outcomes.map((o) => o.reason)).toEqual([
      'changed since planning: context "test" is excluded by scope',
    ]);
  });

  it('refuses a plan for a monkey that is no longer enabled', async () => {
    const { file, config } = await savedPlan(1);
    const disabled = configFor(registry, '    dryRun: false\n');
    disabled.monkeys['test']!.enabled = false;
    await expect(
      applyPlanFile({
        plan: readPlanFile(file, config.safety.planMaxAge, NOW),
        config: disabled,
        registry,
        store,
        logger,
        providers: [provider],
        now: NOW,
        env: {},
      }),
    ).rejects.toThrow('the plan acts for monkey "test", which is not enabled in');
    expect(provider.calls).toEqual([]);
  });
});
