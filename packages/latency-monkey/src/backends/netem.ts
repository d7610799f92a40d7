import { faultAction, type LatencyBackend } from './backend.js';

/** The Pod Security levels that refuse the NET_ADMIN capability netem's container needs. */
const REFUSES_NET_ADMIN = new Set(['baseline', 'restricted']);
const ENFORCE = 'pod-security.kubernetes.io/enforce';

/**
 * tc netem inside each ready pod of the service, from an ephemeral container with NET_ADMIN and
 * nothing else (no privileged DaemonSet, no host namespaces) that adds the qdisc, waits until the
 * expiry and removes it itself: the fault ends even if Simian, the API server connection and the
 * node agent are gone. Namespaces whose Pod Security level refuses NET_ADMIN are passed over, with
 * the reason: no fault there needs a pod privilege but this one.
 */
export const netemBackend: LatencyBackend = {
  name: 'netem',
  reads: ['kubernetes:Pod', 'kubernetes:Namespace'],
  verbs: ['kubernetes:inject-fault:Pod', 'kubernetes:remove-fault:Pod'],
  reachesKubeletProbes: true,
  requires: ['Pod'],
  plan(input) {
    const { ctx, target, fault } = input;
    const level = target.namespace?.labels[ENFORCE];
    if (level && REFUSES_NET_ADMIN.has(level)) {
      return {
        skip: `namespace ${target.service.namespace} enforces Pod Security "${level}", which refuses the NET_ADMIN capability netem's container needs; use network-chaos, virtual-service or network-policy there`,
      };
    }
    if (fault.delayMs <= 0 && fault.lossPercent === undefined) {
      return { skip: 'the fault has neither a delay nor a loss for netem' };
    }
    const ready = new Set(target.endpoints.filter((e) => e.ready && e.pod).map((e) => e.pod!));
    const pods = target.pods.filter((p) => ready.has(p.name));
    if (pods.length === 0) return { skip: 'none of its ready endpoints is a pod Simian listed' };
    const netem = {
      delayMs: fault.delayMs,
      ...(fault.jitterMs ? { jitterMs: fault.jitterMs } : {}),
      ...(fault.correlationPercent ? { correlationPercent: fault.correlationPercent } : {}),
      ...(fault.lossPercent !== undefined ? { lossPercent: fault.lossPercent } : {}),
      expectedPacketsPerSecond: ctx.config.netem.expectedPacketsPerSecond,
      image: ctx.config.netem.image,
    };
    return { actions: pods.map((p) => faultAction('netem', input, p, { netem })) };
  },
};
