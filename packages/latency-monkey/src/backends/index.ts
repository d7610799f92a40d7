import type { BackendName } from '../config.js';
import type { LatencyBackend } from './backend.js';
import { netemBackend } from './netem.js';
import { networkChaosBackend } from './network-chaos.js';
import { networkPolicyBackend } from './network-policy.js';
import { virtualServiceBackend } from './virtual-service.js';

/** Every backend, by the name `monkeys.latency.backend` gives it. */
export const LATENCY_BACKENDS: Readonly<Record<BackendName, LatencyBackend>> = {
  'network-chaos': networkChaosBackend,
  'virtual-service': virtualServiceBackend,
  netem: netemBackend,
  'network-policy': networkPolicyBackend,
};

export type { LatencyBackend } from './backend.js';
