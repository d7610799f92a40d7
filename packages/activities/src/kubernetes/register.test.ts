import { fileURLToPath } from 'node:url';
import { silentLogger } from '@simian/core';
import { createActivityRegistry, validateExperiment } from '@simian/experiments';
import { describe, expect, it } from 'vitest';
import { registerActivityPack } from '../index.js';
import { KUBERNETES_FUNCTIONS } from './index.js';
import { setDeploymentImage, updateImage } from './update-image.js';
import { terminatePods } from './terminate-pods.js';
import { podsInConditions, podsNotInPhase } from './pod-phase-probes.js';
import { readPodLogs } from './read-pod-logs.js';

describe('registering the activity pack', () => {
  it('adds chaosk8s.pod.actions.terminate_pods to an activity registry, once', () => {
    const registry = registerActivityPack(createActivityRegistry());
    expect(registry.findPythonFunction('chaosk8s.pod.actions', 'terminate_pods')).toBeDefined();
    expect(() => registerActivityPack(registry)).toThrow(/registered twice/);
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

  it('registers the chaosk8s pod, deployment and crd functions and the simian.kubernetes ones', () => {
    const registry = registerActivityPack(createActivityRegistry());
    for (const name of Object.keys(KUBERNETES_FUNCTIONS)) {
      const dot = name.lastIndexOf('.');
      expect(registry.findPythonFunction(name.slice(0, dot), name.slice(dot + 1))).toBeDefined();
    }
    expect(Object.keys(KUBERNETES_FUNCTIONS).sort()).toEqual([
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
      'chaosk8s.deployment.probes.deployment_partially_available',
      'chaosk8s.pod.actions.terminate_pods',
      'chaosk8s.pod.probes.all_pods_healthy',
      'chaosk8s.pod.probes.count_min_pods',
      'chaosk8s.pod.probes.count_pods',
      'chaosk8s.pod.probes.pod_is_not_available',
      'chaosk8s.pod.probes.pods_in_conditions',
      'chaosk8s.pod.probes.pods_in_phase',
      'chaosk8s.pod.probes.pods_not_in_phase',
      'chaosk8s.pod.probes.read_pod_logs',
      'simian.kubernetes.apply_manifest',
      'simian.kubernetes.delete_manifest',
      'simian.kubernetes.rollout_restart',
    ]);
  });

  it("checks the pod probes' arguments as chaostoolkit-kubernetes names them", () => {
    expect(readPodLogs.arguments.parse({ label_selector: 'app=web', last: '10 minutes' })).toEqual({
      label_selector: 'app=web',
      last: '10 minutes',
      ns: 'default',
      from_previous: false,
      limit_bytes: 1048576,
    });
    expect(readPodLogs.arguments.parse({ name: 'web' }).label_selector).toBe('name in ({name})');
    expect(readPodLogs.arguments.safeParse({ last: 'in 2 hours' }).success).toBe(false);
    const bad = readPodLogs.arguments.safeParse({ last: 'a while' });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toMatch(
      /not a past time Simian reads: write e\.g\. "10 minutes"/,
    );
    expect(podsNotInPhase.arguments.safeParse({ raise_on_invalid_phase: false }).success).toBe(
      false,
    );
    expect(podsNotInPhase.arguments.parse({})).toEqual({
      phase: 'Running',
      ns: 'default',
      raise_on_in_phase: true,
    });
    expect(podsInConditions.arguments.safeParse({ conditions: [] }).success).toBe(false);
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

  it('with the activity pack registered, every activity of the worked example runs natively', () => {
    const example = fileURLToPath(
      new URL(
        '../../../../deploy/examples/experiments/kill-pod-probe-service.yaml',
        import.meta.url,
      ),
    );
    const result = validateExperiment(example, {
      env: {},
      activities: registerActivityPack(createActivityRegistry()),
    });
    expect(result.errors).toEqual([]);
    expect(result.activities.length).toBeGreaterThan(0);
    expect(result.activities.filter((a) => !a.native)).toEqual([]);
  });
});
