import { durationSchema } from '@simian/core';
import { policyConfigSchema } from '@simian/policy';
import { z } from 'zod';

/** Kinds the rules look up under another name than the provider lists them by. */
export const DEFAULT_SECURITY_LIST_AS: Record<string, string> = {};

const kindsSchema = z
  .strictObject({
    /** @default the kinds the enabled rules name in their METADATA */
    judged: z
      .record(z.string().min(1), z.array(z.string().min(1)))
      .optional()
      .describe(
        'Kinds judged per provider ({ kubernetes: [Pod, Deployment], aws: [SecurityGroup] }); a provider named here is listed only for these kinds. Default: every kind an enabled security rule names (custom.kinds).',
      ),
    /** @default {} */
    listAs: z
      .record(z.string().min(1), z.string().min(1))
      .default(DEFAULT_SECURITY_LIST_AS)
      .describe('Kinds the rules name that the provider lists under another name.'),
  })
  .prefault({})
  .describe('What is listed from the inventory for the rules.');

const probeTargetSchema = z.strictObject({
  url: z
    .url({ protocol: /^(https?|tcp)$/ })
    .describe(
      'An endpoint of yours: https://api.example.com, http://10.0.0.5:8080, tcp://10.0.0.7:5432.',
    ),
  context: z
    .string()
    .min(1)
    .optional()
    .describe(
      "The Kubernetes context whose API server this is: an anonymous answer then confirms that context's RBAC findings.",
    ),
});

/** Kinds whose views name endpoints (Services, Ingresses, nodes, instances), per provider. */
export const DEFAULT_ENDPOINT_KINDS: Record<string, string[]> = {
  kubernetes: ['Service', 'Ingress', 'Node'],
  aws: ['Instance'],
};

const discoverSchema = z
  .strictObject({
    /** @default { kubernetes: [Service, Ingress, Node], aws: [Instance] } */
    kinds: z
      .record(z.string().min(1), z.array(z.string().min(1)))
      .default(DEFAULT_ENDPOINT_KINDS)
      .describe(
        'Kinds listed per provider to find endpoints in (their service, ingress and addresses views).',
      ),
    /** @default true */
    services: z
      .boolean()
      .default(true)
      .describe(
        'Probe Services of type LoadBalancer (their load-balancer addresses) and NodePort (every node).',
      ),
    /** @default true */
    ingresses: z
      .boolean()
      .default(true)
      .describe(
        'Probe Ingress hosts, over HTTPS and HTTP, at the addresses their load balancer published (a host that resolves elsewhere is skipped).',
      ),
    /** @default true */
    instances: z
      .boolean()
      .default(true)
      .describe(
        'Probe EC2 instances with a public address: TLS and exposure checks on 443 and 80, and a TCP connect to each port a security-group finding says is open to the internet.',
      ),
    /** @default true */
    kubelets: z
      .boolean()
      .default(true)
      .describe(
        "Ask every node's kubelet (its API port and 10255) for its pods without credentials.",
      ),
  })
  .prefault({})
  .describe('Which endpoints from the inventory are probed.');

const probesSchema = z
  .strictObject({
    /** @default true */
    enabled: z
      .boolean()
      .default(true)
      .describe(
        'Probe endpoints at all. Probes are reads (GETs and handshakes), judged by the safety gate: kill switch, scope, protected resources, opt-out and the schedule windows.',
      ),
    discover: discoverSchema,
    /** @default [] */
    targets: z
      .array(probeTargetSchema)
      .default([])
      .describe(
        'Endpoints of yours to probe besides those found in the inventory. Their host names are trusted: the probes go where their DNS points.',
      ),
    /** @default [] */
    networks: z
      .array(z.string().regex(/^[0-9a-fA-F.:]+(\/\d{1,3})?$/, 'an address or a CIDR network'))
      .default([])
      .describe(
        'When given, inventory endpoints are probed only at addresses inside these networks (CIDR); the rest are skipped with a note. Use it where inventory addresses are not all yours to reach (a test account, a shared range).',
      ),
    /** @default 16 */
    concurrency: z
      .int()
      .min(1)
      .max(1024)
      .default(16)
      .describe('Connections open at once, over all targets.'),
    /** @default 10 */
    perEndpointRate: z
      .number()
      .min(0)
      .default(10)
      .describe('New connections per second to one address and port (0: no pacing).'),
    /** @default "5s" */
    timeout: durationSchema
      .prefault('5s')
      .describe('Give up on one connection or request after this long.'),
    /** @default 65536 */
    maxBodyBytes: z
      .int()
      .min(1024)
      .max(16 * 1024 * 1024)
      .default(65_536)
      .describe('Read at most this much of an answer (a heap dump is gigabytes).'),
    tls: z
      .strictObject({
        /** @default 30 */
        expiryHighDays: z
          .int()
          .min(0)
          .default(30)
          .describe('A certificate expiring within this many days is a high finding.'),
        /** @default 60 */
        expiryWarnDays: z.int().min(0).default(60).describe('Within this many days, a medium one.'),
        /** @default [] */
        extraCaFiles: z
          .array(z.string().min(1))
          .default([])
          .describe(
            'PEM files of CAs trusted besides the system store (your internal PKI); relative to the config file.',
          ),
      })
      .prefault({})
      .describe('How certificates are judged.'),
  })
  .prefault({})
  .describe('Active probes of your own endpoints.');

/**
 * The security monkey's own fields under `monkeys.security` (core adds `enabled`, `dryRun`,
 * `schedule` and `safety`). It changes nothing: it reports.
 *
 * @example
 * ```yaml
 * monkeys:
 *   security:
 *     enabled: true
 *     policy:
 *       rules: { "K8S-HARD-005": { enabled: false } }
 *     probes:
 *       targets: [{ url: "https://api.example.com" }]
 *       tls: { extraCaFiles: [./internal-ca.pem] }
 * ```
 */
export const securityConfigSchema = z.strictObject({
  policy: policyConfigSchema.describe(
    'Which Rego rules run (the built-in security rules, your own), with which parameters, and which exceptions apply.',
  ),
  kinds: kindsSchema,
  probes: probesSchema,
});

/** The parsed `monkeys.security` section, without core's base fields. */
export type SecurityConfig = z.output<typeof securityConfigSchema>;
/** The `probes` part. */
export type ProbesConfig = SecurityConfig['probes'];
