import { defineFeature } from '@simian/core';
import { securityMonkey } from './monkey.js';

/** The security monkey package's one registration entry. */
export const securityMonkeyFeature = defineFeature({
  name: 'security-monkey',
  description: 'insecure configuration in Rego, and probes of your own endpoints; report-only',
  register: (registry) => void registry.registerMonkey(securityMonkey),
});
