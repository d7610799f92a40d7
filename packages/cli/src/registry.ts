import { registerActivityPack } from '@simian/activities';
import { chaosMonkey } from '@simian/chaos-monkey';
import { conformityMonkey } from '@simian/conformity-monkey';
import { latencyMonkey } from '@simian/latency-monkey';
import { Registry } from '@simian/core';
import { createActivityRegistry, type ActivityRegistry } from '@simian/experiments';
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
    .registerMonkey(chaosMonkey)
    .registerMonkey(latencyMonkey);
}

/** Experiment activities: the runner's http/process/python types, plus the activity pack. */
export function defaultActivities(): ActivityRegistry {
  return registerActivityPack(createActivityRegistry());
}
