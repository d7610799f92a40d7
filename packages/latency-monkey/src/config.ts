import { durationSchema } from '@simian/core';
import { z } from 'zod';

/** How the latency monkey puts a fault on a service. */
export const BACKENDS = ['network-chaos', 'virtual-service', 'netem', 'network-policy'] as const;
/** One of {@link BACKENDS}. */
export type BackendName = (typeof BACKENDS)[number];

const optInSchema = z
  .strictObject({
    /** @default "opt-in" */
    mode: z
      .enum(['opt-in', 'opt-out'])
      .default('opt-in')
      .describe(
        'opt-in: only Services that carry <label>=true are eligible; opt-out: every Service in scope is, unless it carries <label>=false.',
      ),
    /** @default "latency.simian.dev/enabled" */
    label: z
      .string()
      .min(1)
      .default('latency.simian.dev/enabled')
      .describe('The Service label that opts it in or out.'),
  })
  .prefault({})
  .describe('Which Services are eligible at all.');

const faultSchema = z
  .strictObject({
    /** @default "200ms" */
    delay: durationSchema
      .prefault('200ms')
      .describe('Delay added to the service (0ms for a loss or abort fault only).'),
    /** @default "0ms" */
    jitter: durationSchema
      .prefault('0ms')
      .describe('Up to this much more or less delay, packet by packet (network-chaos, netem).'),
    /** @default 0 */
    correlation: z
      .number()
      .min(0)
      .max(100)
      .default(0)
      .describe(
        "How much a packet's jitter follows the previous one's, 0-100 % (network-chaos, netem).",
      ),
    /** @default none */
    loss: z
      .number()
      .gt(0)
      .max(100)
      .optional()
      .describe('Share of packets dropped, % (network-chaos, netem).'),
    /** @default 100 */
    percent: z
      .number()
      .gt(0)
      .max(100)
      .default(100)
      .describe('Share of requests delayed (virtual-service).'),
    /** @default none */
    abort: z
      .strictObject({
        httpStatus: z.int().min(200).max(599).describe('The status aborted requests get.'),
        /** @default 100 */
        percent: z.number().gt(0).max(100).default(100).describe('Share of requests aborted.'),
      })
      .optional()
      .describe('Abort a share of requests with an HTTP status (virtual-service).'),
    /** @default "2m" */
    duration: durationSchema
      .prefault('2m')
      .describe(
        'How long the fault stays. Its expiry, written on the object, is this plus one minute for the measurement before it (ten seconds when measure.enabled is false).',
      ),
  })
  .prefault({})
  .describe('The fault each chosen service gets: one bounded fault per service and run.');

const networkChaosSchema = z
  .strictObject({
    /** @default "all" */
    mode: z
      .enum(['one', 'all'])
      .default('all')
      .describe("Chaos Mesh's mode: delay all the service's pods, or one."),
    /** @default "to" */
    direction: z
      .enum(['to', 'from', 'both'])
      .default('to')
      .describe("Chaos Mesh's direction (to: the pods' egress)."),
  })
  .prefault({})
  .describe('Chaos Mesh NetworkChaos: needs Chaos Mesh in the cluster.');

const virtualServiceSchema = z
  .strictObject({
    /** @default "latency.simian.dev/virtual-service" */
    annotation: z
      .string()
      .min(1)
      .default('latency.simian.dev/virtual-service')
      .describe(
        "The Service annotation that names its VirtualService; without it, a VirtualService named like the Service. When there is none, Simian creates one of its own for the Service's host.",
      ),
  })
  .prefault({})
  .describe('Istio fault injection on the HTTP routes of the service: needs Istio.');

const netemSchema = z
  .strictObject({
    /** @default "nicolaka/netshoot:v0.13" */
    image: z
      .string()
      .min(1)
      .default('nicolaka/netshoot:v0.13')
      .describe('The ephemeral container image: it needs sh, ip, tc, awk and date.'),
    /** @default 10000 */
    expectedPacketsPerSecond: z
      .int()
      .min(1)
      .default(10_000)
      .describe(
        "The most packets per second a pod sends: netem's queue limit is set so that this traffic, held for the delay, is not dropped.",
      ),
  })
  .prefault({})
  .describe(
    'tc netem inside each ready pod of the service, from an ephemeral container with NET_ADMIN only (refused where Pod Security enforces baseline or restricted).',
  );

const networkPolicySchema = z
  .strictObject({
    /** @default "callers" */
    cut: z
      .enum(['callers', 'dependencies'])
      .default('callers')
      .describe(
        "callers: the service's pods take no traffic in; dependencies: its pods reach nothing but DNS.",
      ),
    /** @default every caller */
    from: z
      .string()
      .min(1)
      .optional()
      .describe(
        "With cut: callers, cut off only this Service's pods (same namespace), as seed 003's back service cut off from middle.",
      ),
  })
  .prefault({})
  .describe('Network loss by a deny NetworkPolicy (the CNI must enforce NetworkPolicies).');

const measureSchema = z
  .strictObject({
    /** @default true */
    enabled: z
      .boolean()
      .default(true)
      .describe(
        'Probe the service before, during and after the fault and report requested vs measured.',
      ),
    /** @default the service itself */
    url: z
      .string()
      .min(1)
      .optional()
      .describe(
        'What to probe: http(s)://... or tcp://host:port, with {name}, {namespace} and {port} filled in per service. A Service annotation latency.simian.dev/probe-url wins. Default: the Service (http:// when its port is named http or speaks http, else tcp://).',
      ),
    /** @default 20 */
    samples: z.int().min(1).max(10_000).default(20).describe('Probes before, during and after.'),
    /** @default "100ms" */
    interval: durationSchema.prefault('100ms').describe('Pause between two probes.'),
    /** @default "5s" */
    timeout: durationSchema
      .prefault('5s')
      .describe(
        'A probe that takes longer fails (never less than twice the delay plus one second).',
      ),
    /** @default "3s" */
    settle: durationSchema
      .prefault('3s')
      .describe(
        'Wait this long after injecting before measuring (a controller applies the fault).',
      ),
  })
  .prefault({})
  .describe('How the monkey measures what it did.');

/**
 * The latency monkey's own fields under `monkeys.latency` (core adds `enabled`, `dryRun`,
 * `schedule` and `safety`).
 *
 * @example
 * ```yaml
 * monkeys:
 *   latency:
 *     enabled: true
 *     dryRun: false
 *     backend: network-chaos
 *     fault: { delay: 1500ms, duration: 2m }
 * ```
 */
export const latencyConfigSchema = z.strictObject({
  optIn: optInSchema,
  /** @default "network-chaos" */
  backend: z
    .enum(BACKENDS)
    .default('network-chaos')
    .describe(
      'network-chaos (Chaos Mesh NetworkChaos), virtual-service (Istio fault injection), netem (tc netem from an ephemeral container) or network-policy (a deny NetworkPolicy: loss).',
    ),
  /** @default none: every eligible service is considered in every run */
  mtbf: durationSchema
    .optional()
    .describe(
      'Mean time between faults on one service, in calendar time. Default: none, every run considers every eligible service.',
    ),
  fault: faultSchema,
  /** @default "warn" */
  onProbeTimeout: z
    .enum(['warn', 'skip'])
    .default('warn')
    .describe(
      "When the delay is at or above a liveness or readiness probe's timeout of the service's pods (the kubelet's probes would fail and restart or unlist them): warn (a finding, and inject) or skip the service. Only network-level backends reach the kubelet's probes.",
    ),
  measure: measureSchema,
  networkChaos: networkChaosSchema,
  virtualService: virtualServiceSchema,
  netem: netemSchema,
  networkPolicy: networkPolicySchema,
});

/** The parsed `monkeys.latency` section, without core's base fields. */
export type LatencyConfig = z.output<typeof latencyConfigSchema>;
