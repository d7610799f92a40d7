import { faultAction, type LatencyBackend } from './backend.js';
import { faultObjectName, faultObjectRef } from './refs.js';

/**
 * Network loss by a deny NetworkPolicy (seed 003's third scenario): the service's pods take no
 * traffic in (`cut: callers`; with `from`, only that service's pods are cut off), or reach nothing
 * but DNS (`cut: dependencies`). Removed by deleting it; it carries the expiry annotation, so the
 * engine, the reaper and `simian faults clear` take it out. The CNI must enforce NetworkPolicies.
 */
export const networkPolicyBackend: LatencyBackend = {
  name: 'network-policy',
  reads: [],
  verbs: ['kubernetes:inject-fault:NetworkPolicy', 'kubernetes:remove-fault:NetworkPolicy'],
  // kubelet probes come from the node, which most CNIs let through any policy.
  reachesKubeletProbes: false,
  requires: [],
  plan(input) {
    const { ctx, target, listings } = input;
    const service = target.service;
    const settings = ctx.config.networkPolicy;
    let spec: Record<string, unknown>;
    if (settings.cut === 'dependencies') {
      spec = {
        podSelector: { matchLabels: { ...target.selector } },
        policyTypes: ['Egress'],
        egress: [
          {
            ports: [
              { port: 53, protocol: 'UDP' },
              { port: 53, protocol: 'TCP' },
            ],
          },
        ],
      };
    } else if (settings.from) {
      const caller = (listings.get('Service')?.items ?? []).find(
        (s) => s.namespace === service.namespace && s.name === settings.from,
      );
      const callerSelector = caller?.views?.service?.selector;
      if (!callerSelector) {
        return {
          skip: `networkPolicy.from names service ${service.namespace}/${settings.from}, which ${caller ? 'has no selector' : 'does not exist'}`,
        };
      }
      // Everyone but the caller's pods: a pod lacking any one of its labels, or in another namespace.
      spec = {
        podSelector: { matchLabels: { ...target.selector } },
        policyTypes: ['Ingress'],
        ingress: [
          {
            from: [
              ...Object.entries(callerSelector).map(([key, value]) => ({
                podSelector: { matchExpressions: [{ key, operator: 'NotIn', values: [value] }] },
              })),
              {
                namespaceSelector: {
                  matchExpressions: [
                    {
                      key: 'kubernetes.io/metadata.name',
                      operator: 'NotIn',
                      values: [service.namespace],
                    },
                  ],
                },
              },
            ],
          },
        ],
      };
    } else {
      spec = {
        podSelector: { matchLabels: { ...target.selector } },
        policyTypes: ['Ingress'],
        ingress: [],
      };
    }
    const name = faultObjectName('cut', service.name, ctx.runId);
    const ref = faultObjectRef(ctx.inventory.provider(service.provider), {
      scope: target.scope,
      kind: 'NetworkPolicy',
      name,
      ...(service.namespace ? { namespace: service.namespace } : {}),
    });
    return {
      actions: [
        faultAction(
          'network-policy',
          input,
          {
            ref,
            provider: service.provider,
            kind: 'NetworkPolicy',
            name,
            ...(service.namespace ? { namespace: service.namespace } : {}),
            ...(service.context ? { context: service.context } : {}),
          },
          {
            object: {
              apiVersion: 'networking.k8s.io/v1',
              kind: 'NetworkPolicy',
              metadata: { name, labels: { 'app.kubernetes.io/managed-by': 'simian' } },
              spec,
            },
          },
        ),
      ],
    };
  },
};
