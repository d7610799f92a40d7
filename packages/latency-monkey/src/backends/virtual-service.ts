import { faultAction, type LatencyBackend } from './backend.js';
import { faultObjectName, faultObjectRef } from './refs.js';

export const VIRTUAL_SERVICE_KIND = 'networking.istio.io/v1/VirtualService';

/**
 * Istio fault injection on the HTTP routes of the service: a fixed delay on a share of requests,
 * an abort, or both. On the service's VirtualService (named by its annotation, else named like
 * the service) the provider saves the routes on the object and restores them exactly; when the
 * service has none, Simian creates one of its own for the service's host and deletes it. Istio
 * has no expiry of its own: the engine, the reaper and `simian faults clear` take it out.
 */
export const virtualServiceBackend: LatencyBackend = {
  name: 'virtual-service',
  reads: [`kubernetes:${VIRTUAL_SERVICE_KIND}`],
  verbs: [
    `kubernetes:inject-fault:${VIRTUAL_SERVICE_KIND}`,
    `kubernetes:remove-fault:${VIRTUAL_SERVICE_KIND}`,
  ],
  // Envoy delays the mesh's requests; the kubelet's probes do not go through the routes.
  reachesKubeletProbes: false,
  requires: [VIRTUAL_SERVICE_KIND],
  plan(input) {
    const { ctx, target, fault, listings } = input;
    const service = target.service;
    if (fault.delayMs <= 0 && !fault.abort) {
      return { skip: 'the fault has neither a delay nor an abort for Istio' };
    }
    const named = service.annotations?.[ctx.config.virtualService.annotation] ?? service.name;
    const existing = (listings.get(VIRTUAL_SERVICE_KIND)?.items ?? []).find(
      (v) => v.namespace === service.namespace && v.name === named,
    );
    const httpFault = {
      host: service.name,
      ...(fault.delayMs > 0
        ? { delay: { fixedDelayMs: fault.delayMs, percent: fault.percent } }
        : {}),
      ...(fault.abort ? { abort: fault.abort } : {}),
    };
    if (existing)
      return { actions: [faultAction('virtual-service', input, existing, { httpFault })] };

    const host = `${service.name}.${service.namespace}.svc.cluster.local`;
    const name = faultObjectName('latency', service.name, ctx.runId);
    const ref = faultObjectRef(ctx.inventory.provider(service.provider), {
      scope: target.scope,
      kind: VIRTUAL_SERVICE_KIND,
      name,
      ...(service.namespace ? { namespace: service.namespace } : {}),
    });
    const istioFault = {
      ...(httpFault.delay
        ? { delay: { fixedDelay: `${fault.delayMs}ms`, percentage: { value: fault.percent } } }
        : {}),
      ...(fault.abort
        ? {
            abort: {
              httpStatus: fault.abort.httpStatus,
              percentage: { value: fault.abort.percent },
            },
          }
        : {}),
    };
    return {
      actions: [
        faultAction(
          'virtual-service',
          input,
          {
            ref,
            provider: service.provider,
            kind: VIRTUAL_SERVICE_KIND,
            name,
            ...(service.namespace ? { namespace: service.namespace } : {}),
            ...(service.context ? { context: service.context } : {}),
          },
          {
            object: {
              apiVersion: 'networking.istio.io/v1',
              kind: 'VirtualService',
              metadata: { name, labels: { 'app.kubernetes.io/managed-by': 'simian' } },
              spec: {
                hosts: [host],
                http: [{ fault: istioFault, route: [{ destination: { host } }] }],
              },
            },
          },
        ),
      ],
    };
  },
};
