import { defineFeature } from '@simian/core';
import { latencyMonkey } from './monkey.js';

/** The latency monkey package's one registration entry. */
export const latencyMonkeyFeature = defineFeature({
  name: 'latency-monkey',
  description:
    'injects network delay and loss (proxy, netem, NetworkPolicy), bounded by an expiry, and always removes them',
  register: (registry) => void registry.registerMonkey(latencyMonkey),
});
