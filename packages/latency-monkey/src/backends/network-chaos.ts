import { faultAction, type LatencyBackend } from './backend.js';
import { faultObjectName, faultObjectRef } from './refs.js';

export const NETWORK_CHAOS_KIND = 'chaos-mesh.org/v1alpha1/NetworkChaos';

/**
 * Chaos Mesh `NetworkChaos` on the service's pods (its selector): a delay with jitter and
 * correlation, a loss, or both. The provider sets Chaos Mesh's own `duration` to end at the
 * fault's expiry, so Chaos Mesh takes it out even when Simian is gone (the object stays, spent,
 * until the engine, the reaper or `simian faults clear` deletes it).
 */
export const networkChaosBackend: LatencyBackend = {
  name: 'network-chaos',
  reads: ['kubernetes:Pod'],
  verbs: [
    `kubernetes:inject-fault:${NETWORK_CHAOS_KIND}`,
    `kubernetes:remove-fault:${NETWORK_CHAOS_KIND}`,
  ],
  reachesKubeletProbes: true,
  requires: [],
  plan(input) {
    const { ctx, target, fault } = input;
    const service = target.service;
    const delay = fault.delayMs > 0;
    const loss = fault.lossPercent !== undefined;
    if (!delay && !loss) return { skip: 'the fault has neither a delay nor a loss for Chaos Mesh' };
    const name = faultObjectName('latency', service.name, ctx.runId);
    const ref = faultObjectRef(ctx.inventory.provider(service.provider), {
      scope: target.scope,
      kind: NETWORK_CHAOS_KIND,
      name,
      ...(service.namespace ? { namespace: service.namespace } : {}),
    });
    const spec: Record<string, unknown> = {
      action: delay && loss ? 'netem' : delay ? 'delay' : 'loss',
      mode: ctx.config.networkChaos.mode,
      direction: ctx.config.networkChaos.direction,
      selector: { namespaces: [service.namespace], labelSelectors: { ...target.selector } },
      ...(delay
        ? {
            delay: {
              latency: `${fault.delayMs}ms`,
              ...(fault.jitterMs ? { jitter: `${fault.jitterMs}ms` } : {}),
              ...(fault.correlationPercent
                ? { correlation: String(fault.correlationPercent) }
                : {}),
            },
          }
        : {}),
      ...(loss ? { loss: { loss: String(fault.lossPercent) } } : {}),
    };
    return {
      actions: [
        faultAction(
          'network-chaos',
          input,
          {
            ref,
            provider: service.provider,
            kind: NETWORK_CHAOS_KIND,
            name,
            ...(service.namespace ? { namespace: service.namespace } : {}),
            ...(service.context ? { context: service.context } : {}),
          },
          {
            object: {
              apiVersion: 'chaos-mesh.org/v1alpha1',
              kind: 'NetworkChaos',
              metadata: { name, labels: { 'app.kubernetes.io/managed-by': 'simian' } },
              spec,
            },
          },
        ),
      ],
    };
  },
};
