import { defineFeature } from '@simian/core';
import { conformityMonkey } from './monkey.js';

/** The conformity monkey package's one registration entry. */
export const conformityMonkeyFeature = defineFeature({
  name: 'conformity-monkey',
  description: 'Rego rules over the live estate; tears down stacks that break enforced ones',
  register: (registry) => void registry.registerMonkey(conformityMonkey),
});
