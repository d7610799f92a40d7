import type { Monkey } from '@simian/core';
import { applyLatency } from './apply/apply-latency.js';
import { LATENCY_BACKENDS } from './backends/index.js';
import { latencyConfigSchema } from './config.js';
import { LATENCY_MONKEY_NAME } from './name.js';
import { planLatency } from './plan/plan-latency.js';

const BASE_READS = ['kubernetes:Service', 'kubernetes:EndpointSlice'];
const all = Object.values(LATENCY_BACKENDS);

/**
 * The latency monkey: on schedule, inside the blast radius, puts one bounded network fault (a
 * delay, a loss, a cut) on each chosen opted-in Service through the configured backend (Chaos
 * Mesh, Istio, tc netem, a deny NetworkPolicy), measures it before, during and after, and takes
 * it out again. Every fault carries its expiry on the object, so nothing outlives a dead process
 * by more than that.
 *
 * It is destructive, so it runs in dry-run until the config says `dryRun: false`.
 */
export const latencyMonkey: Monkey<typeof latencyConfigSchema> = {
  name: LATENCY_MONKEY_NAME,
  description:
    'Puts bounded network delay or loss on opted-in Services (Chaos Mesh, Istio, tc netem or a deny NetworkPolicy), measures requested vs measured, and always takes it out again.',
  destructive: true,
  configSchema: latencyConfigSchema,
  reads: [...new Set([...BASE_READS, ...all.flatMap((b) => b.reads)])],
  verbs: [...new Set(all.flatMap((b) => b.verbs))],
  permissionsFor(config) {
    const backend = LATENCY_BACKENDS[config.backend];
    return { reads: [...new Set([...BASE_READS, ...backend.reads])], verbs: backend.verbs };
  },
  plan: planLatency,
  apply: applyLatency,
};
