import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { actionOn, deletingMonkey, MemoryProvider, pod } from '@simian/testing';
import { parseConfigText } from '../config/load.js';
import { monkeyConfigOf } from '../engine/run.js';
import { RunSession } from '../engine/run-session.js';
import { silentLogger } from '../logger.js';
import { declaresVerb } from '../monkey.js';
import { Registry } from '../registry.js';
import { Store } from '../store/store.js';

describe('the executor', () => {
  let store: Store;
  beforeEach(() => {
    store = new Store(':memory:');
  });
  afterEach(() => store.close());

  it('refuses a provider:verb:Kind the monkey did not declare, before the provider is called', async () => {
    const monkey = deletingMonkey();
    const registry = new Registry().registerMonkey(monkey);
    const config = parseConfigText(
      'version: 1\nmonkeys:\n  test:\n    enabled: true\n',
      'simian.yaml',
      registry,
      { env: {} },
    );
    const provider = new MemoryProvider('kubernetes', [pod('a')]);
    const session = new RunSession({
      kind: 'run',
      config,
      registry,
      store,
      logger: silentLogger(),
      providers: [provider],
    });
    const monkeyConfig = monkeyConfigOf(config, monkey);
    const executor = session.executor(monkey, session.planContext(monkey, monkeyConfig), {
      dryRun: false,
      gateContext: session.gateContext(monkey, monkeyConfig, {}, 'plan'),
    });
    const outcome = await executor.execute(actionOn(pod('a'), { verb: 'scale' }));
    expect(outcome).toMatchObject({
      status: 'failed',
      reason:
        "test did not declare kubernetes:scale:Pod; add it to the monkey's verbs (doctor and `simian rbac` grant only what is declared)",
    });
    expect(provider.calls).toEqual([]);
    expect((await executor.execute(actionOn(pod('a')))).status).toBe('succeeded');
  });

  it('judges a fault that is its own object, not there yet, as described (not as gone)', async () => {
    const monkey = deletingMonkey({ verbs: ['kubernetes:inject-fault:NetworkPolicy'] });
    const registry = new Registry().registerMonkey(monkey);
    const config = parseConfigText(
      'version: 1\nmonkeys:\n  test:\n    enabled: true\n',
      'simian.yaml',
      registry,
      { env: {} },
    );
    const provider = new MemoryProvider('kubernetes', []);
    const session = new RunSession({
      kind: 'run',
      config,
      registry,
      store,
      logger: silentLogger(),
      providers: [provider],
    });
    const monkeyConfig = monkeyConfigOf(config, monkey);
    const executor = session.executor(monkey, session.planContext(monkey, monkeyConfig), {
      dryRun: false,
      gateContext: session.gateContext(monkey, monkeyConfig, {}, 'plan'),
    });
    const deny = (namespace: string) => ({
      ...pod('simian-deny', {}, namespace),
      ref: `k8s:test/${namespace}/NetworkPolicy/simian-deny`,
      kind: 'NetworkPolicy',
    });
    const deadline = new Date(Date.now() + 60_000).toISOString();
    const inject = (namespace: string) =>
      executor.execute(actionOn(deny(namespace), { verb: 'inject-fault', deadline }));
    expect(await inject('shop')).toMatchObject({ status: 'succeeded' });
    expect(await inject('kube-system')).toMatchObject({
      status: 'skipped',
      reason: 'refused: namespace "kube-system" is protected',
    });
    expect(provider.calls.map((c) => c.ref)).toEqual(['k8s:test/shop/NetworkPolicy/simian-deny']);
    await session.close({
      runId: session.runId,
      status: 'completed',
      dryRun: false,
      startedAt: '',
      endedAt: '',
      monkeys: [],
      incomplete: [],
    });
  });

  it('judges a fault by the resource it is on (faultOn), read fresh: opted out since planning, or gone, it gets none', async () => {
    const monkey = deletingMonkey({ verbs: ['kubernetes:inject-fault:NetworkPolicy'] });
    const registry = new Registry().registerMonkey(monkey);
    const config = parseConfigText(
      'version: 1\nmonkeys:\n  test:\n    enabled: true\n',
      'simian.yaml',
      registry,
      { env: {} },
    );
    const service = (name: string, labels: Record<string, string> = {}) => ({
      ...pod(name, labels),
      ref: `k8s:test/shop/Service/${name}`,
      kind: 'Service',
    });
    // As planned, both services were opted in; since then `b` was opted out and `c` deleted.
    const provider = new MemoryProvider('kubernetes', [
      service('a'),
      service('b', { 'simian.dev/opt-out': 'true' }),
    ]);
    const session = new RunSession({
      kind: 'run',
      config,
      registry,
      store,
      logger: silentLogger(),
      providers: [provider],
    });
    const monkeyConfig = monkeyConfigOf(config, monkey);
    const executor = session.executor(monkey, session.planContext(monkey, monkeyConfig), {
      dryRun: false,
      gateContext: session.gateContext(monkey, monkeyConfig, {}, 'plan'),
    });
    const deadline = new Date(Date.now() + 60_000).toISOString();
    const inject = (on: string) =>
      executor.execute({
        ...actionOn(
          {
            ...pod(`simian-cut-${on}`),
            ref: `k8s:test/shop/NetworkPolicy/simian-cut-${on}`,
            kind: 'NetworkPolicy',
          },
          { verb: 'inject-fault', deadline },
        ),
        faultOn: `k8s:test/shop/Service/${on}`,
      });
    expect(await inject('a')).toMatchObject({ status: 'succeeded' });
    expect(await inject('b')).toMatchObject({
      status: 'skipped',
      reason: expect.stringContaining(
        'the resource the fault is on (k8s:test/shop/Service/b) changed since planning',
      ) as unknown,
    });
    expect(await inject('c')).toMatchObject({
      status: 'skipped',
      reason: 'the resource the fault is on (k8s:test/shop/Service/c) is gone',
    });
    expect(provider.calls.map((c) => c.ref)).toEqual(['k8s:test/shop/NetworkPolicy/simian-cut-a']);
    await session.close({
      runId: session.runId,
      status: 'completed',
      dryRun: false,
      startedAt: '',
      endedAt: '',
      monkeys: [],
      incomplete: [],
    });
  });

  it('reads a `*` kind as every kind the monkey reads', () => {
    const declared = { reads: ['kubernetes:Deployment'], verbs: ['kubernetes:mark:*'] };
    expect(declaresVerb(declared, 'kubernetes', 'mark', 'Deployment')).toBe(true);
    expect(declaresVerb(declared, 'kubernetes', 'mark', 'Secret')).toBe(false);
    expect(declaresVerb(declared, 'aws', 'mark', 'Deployment')).toBe(false);
    expect(declaresVerb(declared, 'kubernetes', 'delete', 'Deployment')).toBe(false);
  });
});

describe('the registry', () => {
  const factory = (verbs: Array<{ verb: string; kinds: string[]; recoveredBy?: string }>) => ({
    name: 'fake',
    description: 'a provider for this test',
    targetSchema: undefined as never,
    kinds: [],
    verbs: verbs.map((v) => ({ ...v, permissions: [], description: v.verb })),
    create: () => {
      throw new Error('not created in this test');
    },
  });

  it('refuses a provider that injects faults it cannot remove', () => {
    expect(() =>
      new Registry().registerProvider(
        factory([{ verb: 'inject-fault', kinds: ['Policy'], recoveredBy: 'remove-fault' }]),
      ),
    ).toThrow('provider "fake" injects faults on Policy but cannot remove them ("remove-fault")');
    expect(() =>
      new Registry().registerProvider(
        factory([
          { verb: 'inject-fault', kinds: ['Policy'] },
          { verb: 'remove-fault', kinds: ['Policy'] },
        ]),
      ),
    ).toThrow('provider "fake": verb "inject-fault" must name "remove-fault" as recoveredBy');
    expect(() =>
      new Registry().registerProvider(
        factory([
          { verb: 'inject-fault', kinds: ['Policy'], recoveredBy: 'remove-fault' },
          { verb: 'remove-fault', kinds: ['Policy'] },
        ]),
      ),
    ).not.toThrow();
  });
});
