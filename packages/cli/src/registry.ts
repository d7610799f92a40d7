import { chaosMonkey, registerChaosActivities } from '@simian/chaos-monkey';
import { conformityMonkey } from '@simian/conformity-monkey';
import { createActivityRegistry, Registry, type ActivityRegistry } from '@simian/core';
import { awsProvider } from '@simian/provider-aws';
import { kubernetesProvider } from '@simian/provider-kubernetes';

/**
 * Every monkey and provider the `simian` command knows. Each package registers itself here by one
 * line; core imports none of them. Monkeys run in this order.
 */
export function defaultRegistry(): Registry {
  return new Registry()
    .registerProvider(kubernetesProvider)
    .registerProvider(awsProvider)
    .registerMonkey(conformityMonkey)
    .registerMonkey(chaosMonkey);
}

/** Experiment activities: core's http/process/Prometheus, plus each package's native functions. */
export function defaultActivities(): ActivityRegistry {
  return registerChaosActivities(createActivityRegistry());
}
