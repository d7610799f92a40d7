import { fileURLToPath } from 'node:url';
import { createActivityRegistry, silentLogger, validateExperiment } from '@simian/core';
import { describe, expect, it } from 'vitest';
import { CHAOS_PYTHON_FUNCTIONS, registerChaosActivities } from './index.js';
import { setDeploymentImage, updateImage } from './update-image.js';
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

  it('registers the chaosk8s deployment and crd functions and simian.kubernetes.rollout_restart', () => {
    const registry = registerChaosActivities(createActivityRegistry());
    for (const name of Object.keys(CHAOS_PYTHON_FUNCTIONS)) {
      const dot = name.lastIndexOf('.');
      expect(registry.findPythonFunction(name.slice(0, dot), name.slice(dot + 1))).toBeDefined();
    }
    expect(Object.keys(CHAOS_PYTHON_FUNCTIONS).sort()).toEqual([
      'chaosk8s.crd.actions.create_custom_object',
      'chaosk8s.crd.actions.delete_custom_object',
      'chaosk8s.deployment.actions.rollback_deployment',
      'chaosk8s.deployment.actions.rollout_deployment',
      'chaosk8s.deployment.actions.scale_deployment',
      'chaosk8s.deployment.actions.set_deployment_image',
      'chaosk8s.deployment.actions.update_image',
      'chaosk8s.deployment.probes.deployment_available_and_healthy',
      'chaosk8s.deployment.probes.deployment_fully_available',
      'chaosk8s.deployment.probes.deployment_not_fully_available',
      'chaosk8s.pod.actions.terminate_pods',
      'simian.kubernetes.apply_manifest',
      'simian.kubernetes.delete_manifest',
      'simian.kubernetes.rollout_restart',
    ]);
  });

  it('accepts container or container_name for the image, as both chaosk8s versions name it', () => {
    for (const fn of [updateImage, setDeploymentImage]) {
      expect(fn.arguments.parse({ name: 'web', image: 'nginx:1', container_name: 'web' })).toEqual({
        name: 'web',
        image: 'nginx:1',
        container_name: 'web',
        ns: 'default',
      });
      expect(fn.arguments.safeParse({ name: 'web' }).success).toBe(false);
    }
  });

  it('with the chaos activities registered, every activity of the worked example runs natively', () => {
    const example = fileURLToPath(
      new URL(
        '../../../../deploy/examples/experiments/kill-pod-probe-service.yaml',
        import.meta.url,
      ),
    );
    const result = validateExperiment(example, {
      env: {},
      activities: registerChaosActivities(createActivityRegistry()),
    });
    expect(result.errors).toEqual([]);
    expect(result.activities.length).toBeGreaterThan(0);
    expect(result.activities.filter((a) => !a.native)).toEqual([]);
  });
});
