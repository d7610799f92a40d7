import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseConfigText } from '../config/load.js';
import { silentLogger } from '../logger.js';
import { Registry } from '../registry.js';
import { Store } from '../store/store.js';
import { actionOn, MemoryProvider, pod } from '@simian/testing';
import { createExperimentTargets } from './experiment-targets.js';

// The executor an experiment acts through: its actions are not planned, so the gate's resource
// rules run here, at execution, or not at all.
describe('experiment targets', () => {
  let store: Store;
  beforeEach(() => {
    store = new Store(':memory:');
  });
  afterEach(() => store.close());

  const targetsOver = (provider: MemoryProvider, yaml = '', verbs?: string[]) =>
    createExperimentTargets({
      ...(verbs ? { verbs } : {}),
      config: parseConfigText(`version: 1\n${yaml}`, 'simian.yaml', new Registry(), { env: {} }),
      providers: [provider],
      store,
      runId: 'r1',
      dryRun: false,
      signal: new AbortController().signal,
      logger: silentLogger(),
      env: {},
    });

  it('refuses to create in a protected namespace, before the provider is called', async () => {
    const provider = new MemoryProvider();
    const { executor } = targetsOver(provider);
    const outcome = await executor.execute(
      actionOn(pod('delay', {}, 'kube-system'), { verb: 'create' }),
    );
    expect(outcome).toMatchObject({
      status: 'skipped',
      reason: 'refused: namespace "kube-system" is protected',
    });
    expect(provider.calls).toEqual([]);
    expect(store.ledger().map((r) => [r.verb, r.status])).toEqual([['create', 'skipped']]);
  });

  it('refuses to create what carries a protected label or an opt-out label', async () => {
    const provider = new MemoryProvider();
    const { executor } = targetsOver(provider);
    const guarded = await executor.execute(
      actionOn(pod('a', { 'simian.dev/protected': 'true' }), { verb: 'create' }),
    );
    expect(guarded.reason).toBe('refused: label/tag simian.dev/protected=true marks it protected');
    expect(provider.calls).toEqual([]);
  });

  it('does only what the activities declare: an undeclared verb is refused before the provider', async () => {
    const provider = new MemoryProvider();
    const { executor } = targetsOver(provider, '', ['kubernetes:delete:Pod']);
    const outcome = await executor.execute(actionOn(pod('delay'), { verb: 'create' }));
    expect(outcome.status).not.toBe('succeeded');
    expect(outcome.reason).toMatch(/create/);
    expect(provider.calls).toEqual([]);
  });

  it('creates in an ordinary namespace, and writes the ledger', async () => {
    const provider = new MemoryProvider();
    const { executor } = targetsOver(provider);
    const outcome = await executor.execute(actionOn(pod('delay'), { verb: 'create' }));
    expect(outcome.status).toBe('succeeded');
    expect(provider.calls).toEqual([
      { verb: 'create', ref: 'k8s:test/shop/Pod/delay', dryRun: false },
    ]);
    expect(store.ledger().map((r) => [r.verb, r.status])).toEqual([['create', 'succeeded']]);
  });

  it('re-reads before other verbs: a protected object is skipped, a missing one is gone', async () => {
    const system = pod('dns', {}, 'kube-system');
    const provider = new MemoryProvider('kubernetes', [system]);
    const { executor } = targetsOver(provider);
    expect((await executor.execute(actionOn(system))).reason).toBe(
      'changed since planning: namespace "kube-system" is protected',
    );
    expect(await executor.execute(actionOn(pod('absent')))).toMatchObject({
      status: 'skipped',
      reason: 'the resource is gone',
      gone: true,
    });
    expect(provider.calls).toEqual([]);
  });

  it('never holds back fault removal, even in a protected namespace', async () => {
    const provider = new MemoryProvider();
    const { executor } = targetsOver(provider);
    const outcome = await executor.execute(
      actionOn(pod('delay', {}, 'kube-system'), { verb: 'remove-fault' }),
    );
    expect(outcome.status).toBe('succeeded');
    expect(provider.calls).toHaveLength(1);
  });
});
