// What the safety properties draw for each monkey's own config section. Every monkey registered in
// packages/cli/src/registry.ts must have an entry (a test says so): a new monkey is one line here,
// with a config that lets it act on a drawn estate without waiting on real time.
import fc from 'fast-check';
import { LABELS } from './estate.js';

export interface MonkeyProperties {
  /** The monkey's own keys under `monkeys.<name>` (besides enabled, dryRun, schedule, safety). */
  config: fc.Arbitrary<Record<string, unknown>>;
}

/** One janitor rule's base settings: on or off, report-only or not, the ladder or not. */
const janitorRule = fc.record({
  enabled: fc.constantFrom(true, true, false),
  after: fc.constantFrom('0s', '0s', '0s', '1h'),
  reportOnly: fc.constantFrom(false, false, false, true),
  ladder: fc.boolean(),
  ladderWait: fc.constantFrom('0s', '30m'),
});

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
  // Report-only (destructive: false, no verbs): whatever its rules and probes, it must never reach
  // a provider's execute. Probes are drawn on with discovery only: the estate's Services are
  // ClusterIP, and it has no Node or public address to find, so no probe leaves this machine.
  security: {
    config: fc.record({
      policy: fc.record({
        rules: fc
          .subarray(['K8S-HARD-001', 'K8S-HARD-005', 'K8S-NET-002', 'K8S-PSB-001', 'AWS-SG-001'])
          .map((off) => Object.fromEntries(off.map((id) => [id, { enabled: false }]))),
      }),
      probes: fc.record({
        enabled: fc.boolean(),
        discover: fc.record({
          services: fc.boolean(),
          ingresses: fc.boolean(),
          instances: fc.boolean(),
          kubelets: fc.boolean(),
        }),
      }),
    }),
  },
  // Destructive: first-seen marks, marks with a grace period, then deletion (the ladder first:
  // an Auto Scaling group scaled to zero, an instance stopped) of what the estate's leftovers give
  // it: unused ConfigMaps and Secrets, finished bare pods, expired kube-janitor TTLs and tags.
  janitor: {
    config: fc.record({
      // 0s: what is marked in the first session is removed in the second.
      gracePeriod: fc.constantFrom('0s', '0s', '0s', '1h'),
      rules: fc.record({
        'k8s-unused-configmap': janitorRule,
        'k8s-unused-secret': janitorRule,
        'k8s-finished-pod': janitorRule,
        'k8s-ttl': janitorRule,
        'aws-ttl': janitorRule,
        'aws-empty-scaling-group': janitorRule,
      }),
    }),
  },
  // Destructive: one bounded fault (a delay, a loss, a cut) per opted-in Service of the estate,
  // from each backend, injected and removed in the same session. Its own opt-in label is the
  // estate's, so the drawn marks decide; measuring would probe the network and hold real time.
  latency: {
    config: fc.record({
      optIn: fc.record({
        mode: fc.constantFrom('opt-in', 'opt-out'),
        label: fc.constant(LABELS.optIn),
      }),
      backend: fc.constantFrom('network-chaos', 'virtual-service', 'netem', 'network-policy'),
      fault: fc.record({
        delay: fc.constantFrom('0ms', '200ms', '200ms', '1500ms'),
        loss: fc.constantFrom(undefined, undefined, 10),
        abort: fc.constantFrom(undefined, undefined, { httpStatus: 503, percent: 50 }),
        // 0s: nothing to hold; 2m: held until the fault's deadline (past, on the drawn clock).
        duration: fc.constantFrom('0s', '0s', '2m'),
      }),
      onProbeTimeout: fc.constantFrom('warn', 'skip'),
      measure: fc.constant({ enabled: false, settle: '0s' }),
      networkChaos: fc.record({
        mode: fc.constantFrom('one', 'all'),
        direction: fc.constantFrom('to', 'from', 'both'),
      }),
      networkPolicy: fc.record({ cut: fc.constantFrom('callers', 'dependencies') }),
    }),
  },
};
