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

  it('registers the chaosk8s catalogue (pod, deployment, statefulset, replicaset, service, node, networking, crd, the old names) and the simian.kubernetes ones', () => {
    const registry = registerActivityPack(createActivityRegistry());
    for (const name of Object.keys(KUBERNETES_FUNCTIONS)) {
      const dot = name.lastIndexOf('.');
      expect(registry.findPythonFunction(name.slice(0, dot), name.slice(dot + 1))).toBeDefined();
    }
    expect(Object.keys(KUBERNETES_FUNCTIONS).sort()).toEqual([
      'chaosk8s.actions.kill_microservice',
      'chaosk8s.actions.remove_service_endpoint',
      'chaosk8s.actions.scale_microservice',
      'chaosk8s.actions.start_microservice',
      'chaosk8s.crd.actions.apply_from_json',
      'chaosk8s.crd.actions.apply_from_yaml',
      'chaosk8s.crd.actions.create_cluster_custom_object',
      'chaosk8s.crd.actions.create_custom_object',
      'chaosk8s.crd.actions.delete_cluster_custom_object',
      'chaosk8s.crd.actions.delete_custom_object',
      'chaosk8s.crd.actions.patch_cluster_custom_object',
      'chaosk8s.crd.actions.patch_custom_object',
      'chaosk8s.crd.probes.get_cluster_custom_object',
      'chaosk8s.crd.probes.get_custom_object',
      'chaosk8s.crd.probes.list_cluster_custom_objects',
      'chaosk8s.crd.probes.list_custom_objects',
      'chaosk8s.deployment.actions.create_deployment',
      'chaosk8s.deployment.actions.delete_deployment',
      'chaosk8s.deployment.actions.rollback_deployment',
      'chaosk8s.deployment.actions.rollout_deployment',
      'chaosk8s.deployment.actions.scale_deployment',
      'chaosk8s.deployment.actions.set_deployment_image',
      'chaosk8s.deployment.actions.update_image',
      'chaosk8s.deployment.probes.collect_deployment_status',
      'chaosk8s.deployment.probes.deployment_available_and_healthy',
      'chaosk8s.deployment.probes.deployment_fully_available',
      'chaosk8s.deployment.probes.deployment_not_fully_available',
      'chaosk8s.deployment.probes.deployment_partially_available',
      'chaosk8s.networking.actions.allow_dns_access',
      'chaosk8s.networking.actions.create_ingress',
      'chaosk8s.networking.actions.create_network_policy',
      'chaosk8s.networking.actions.delete_ingress',
      'chaosk8s.networking.actions.deny_all_egress',
      'chaosk8s.networking.actions.deny_all_ingress',
      'chaosk8s.networking.actions.remove_allow_dns_access',
      'chaosk8s.networking.actions.remove_deny_all_egress',
      'chaosk8s.networking.actions.remove_deny_all_ingress',
      'chaosk8s.networking.actions.remove_network_policy',
      'chaosk8s.networking.actions.update_ingress',
      'chaosk8s.networking.probes.ingress_exists',
      'chaosk8s.node.actions.cordon_node',
      'chaosk8s.node.actions.create_node',
      'chaosk8s.node.actions.delete_nodes',
      'chaosk8s.node.actions.drain_nodes',
      'chaosk8s.node.actions.uncordon_node',
      'chaosk8s.node.probes.all_nodes_must_be_ready_to_schedule',
      'chaosk8s.node.probes.get_all_node_status_conditions',
      'chaosk8s.node.probes.get_nodes',
      'chaosk8s.node.probes.nodes_must_be_healthy',
      'chaosk8s.node.probes.verify_nodes_condition',
      'chaosk8s.pod.actions.delete_pods',
      'chaosk8s.pod.actions.terminate_pods',
      'chaosk8s.pod.probes.all_pods_healthy',
      'chaosk8s.pod.probes.count_min_pods',
      'chaosk8s.pod.probes.count_pods',
      'chaosk8s.pod.probes.pod_is_not_available',
      'chaosk8s.pod.probes.pods_in_conditions',
      'chaosk8s.pod.probes.pods_in_phase',
      'chaosk8s.pod.probes.pods_not_in_phase',
      'chaosk8s.pod.probes.read_pod_logs',
      'chaosk8s.pod.probes.should_be_found_in_logs',
      'chaosk8s.probes.all_microservices_healthy',
      'chaosk8s.probes.deployment_is_fully_available',
      'chaosk8s.probes.deployment_is_not_fully_available',
      'chaosk8s.probes.microservice_available_and_healthy',
      'chaosk8s.probes.microservice_is_not_available',
      'chaosk8s.probes.read_microservices_logs',
      'chaosk8s.probes.service_endpoint_is_initialized',
      'chaosk8s.replicaset.actions.delete_replica_set',
      'chaosk8s.service.actions.create_service_endpoint',
      'chaosk8s.service.actions.delete_service',
      'chaosk8s.service.probes.service_is_initialized',
      'chaosk8s.statefulset.actions.create_statefulset',
      'chaosk8s.statefulset.actions.remove_statefulset',
      'chaosk8s.statefulset.actions.scale_statefulset',
      'chaosk8s.statefulset.probes.statefulset_fully_available',
      'chaosk8s.statefulset.probes.statefulset_not_fully_available',
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
