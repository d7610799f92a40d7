import { defineFeature } from '@simian/core';
import { chaosMonkey } from './monkey.js';

/** The chaos monkey package's one registration entry. */
export const chaosMonkeyFeature = defineFeature({
  name: 'chaos-monkey',
  description: 'kills pods and EC2 instances inside a blast radius, and measures recovery',
  register: (registry) => void registry.registerMonkey(chaosMonkey),
});
