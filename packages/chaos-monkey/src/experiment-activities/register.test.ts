import { createActivityRegistry, silentLogger } from '@simian/core';
import { describe, expect, it } from 'vitest';
import { registerChaosActivities } from './index.js';
import { terminatePods } from './terminate-pods.js';

describe('registering the chaos activities', () => {
  it('adds chaosk8s.pod.actions.terminate_pods to an activity registry, once', () => {
    const registry = registerChaosActivities(createActivityRegistry());
    expect(registry.findPythonFunction('chaosk8s.pod.actions', 'terminate_pods')).toBeDefined();
    expect(() => registerChaosActivities(registry)).toThrow(/registered twice/);
  });

  it('rejects a misspelt argument, and fills the defaults chaostoolkit has', () => {
    expect(terminatePods.arguments.safeParse({ label_selectr: 'app=web' }).success).toBe(false);
    expect(terminatePods.arguments.parse({})).toEqual({
      all: false,
      rand: false,
      mode: 'fixed',
      qty: 1,
      grace_period: -1,
      ns: 'default',
      order: 'alphabetic',
    });
  });

  it('without targets to act through, fails with what to do', async () => {
    const run = terminatePods.run(terminatePods.arguments.parse({}), {
      signal: new AbortController().signal,
      logger: silentLogger(),
      configuration: {},
      secrets: {},
      env: {},
      activity: { name: 'kill', type: 'action', hasTolerance: false },
      registry: createActivityRegistry(),
    });
    await expect(run).rejects.toMatchObject({
      code: 'WIRING',
      message:
        'chaosk8s.pod.actions.terminate_pods acts on a cluster, but the experiment runner gave it no targets to act through',
    });
  });
});
