import { defineFeature } from '@simian/core';
import { kubernetesProvider } from './factory.js';

/** The Kubernetes provider package's one registration entry: its kinds and verbs come with it. */
export const kubernetesFeature = defineFeature({
  name: 'provider-kubernetes',
  description:
    'Kubernetes clusters: inventory, verbs (evict, delete, scale, mark, faults, ...), RBAC',
  register: (registry) => void registry.registerProvider(kubernetesProvider),
});
