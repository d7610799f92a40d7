import { defineFeature } from '@simian/core';
import { janitorMonkey } from './monkey.js';

/** The janitor monkey package's one registration entry. */
export const janitorMonkeyFeature = defineFeature({
  name: 'janitor-monkey',
  description:
    'Finds unused Kubernetes and AWS resources; marks, tells the owner, waits, cleans up',
  register: (registry) => void registry.registerMonkey(janitorMonkey),
});
