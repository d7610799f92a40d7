// What the safety properties draw for each monkey's own config section. Every monkey registered in
// packages/cli/src/registry.ts must have an entry (a test says so): a new monkey is one line here,
// with a config that lets it act on a drawn estate without waiting on real time.
import fc from 'fast-check';

export interface MonkeyProperties {
  /** The monkey's own keys under `monkeys.<name>` (besides enabled, dryRun, schedule, safety). */
  config: fc.Arbitrary<Record<string, unknown>>;
}

export const MONKEY_PROPERTIES: Record<string, MonkeyProperties> = {
  chaos: {
    config: fc.record({
      killMode: fc.constantFrom('one', 'fixed:2', 'percent:50', 'random-max-percent:100'),
      optIn: fc.record({ mode: fc.constantFrom('opt-in', 'opt-out') }),
      // A memory estate does not heal: waiting for recovery would only wait out the timeout.
      recovery: fc.constant({ wait: false }),
      kubernetes: fc.record({
        enabled: fc.boolean(),
        killMethod: fc.constantFrom('evict', 'delete', 'container-kill'),
        respectPodDisruptionBudgets: fc.constant(true),
      }),
      aws: fc.record({
        enabled: fc.boolean(),
        killMethod: fc.constantFrom('terminate', 'stop', 'reboot'),
      }),
    }),
  },
  conformity: {
    config: fc.record({
      enforce: fc.record({
        rules: fc.subarray(['K8S-AVAIL-001', 'K8S-EXPO-001', 'K8S-OWN-001', 'AWS-TAG-001']),
      }),
      // 0s: a stack marked in the first session is torn down in the second.
      gracePeriod: fc.constantFrom('0s', '1h'),
      teardown: fc.constantFrom('scale-to-zero', 'delete'),
    }),
  },
};
