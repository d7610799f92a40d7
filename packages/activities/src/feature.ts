import { defineFeature } from '@simian/core';
import { ACTIVITY_FUNCTIONS } from './functions.js';

/** The activity pack's one registration entry: every function it runs natively. */
export const activitiesFeature = defineFeature({
  name: 'activities',
  description: 'Chaos Toolkit functions run natively: chaosk8s, chaosprometheus, simian.*',
  register(registry) {
    for (const [name, fn] of Object.entries(ACTIVITY_FUNCTIONS)) {
      registry.registerActivityFunction(name, fn);
    }
  },
});
