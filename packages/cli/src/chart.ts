import { readFileSync } from 'node:fs';
import { configJsonSchema, parseConfigText, type Registry } from '@simian/core';
import { loadExperimentFile, type ActivityRegistry } from '@simian/experiments';
import { parse, stringify } from 'yaml';
import { z } from 'zod';
import { enabledMonkeys } from './permissions.js';
import { rbacAnswer } from './rbac-report.js';

/** Where the chart lives, from the repository root. */
export const CHART_DIR = 'deploy/helm/simian';

const rule = z.strictObject({
  apiGroups: z.array(z.string()),
  resources: z.array(z.string()).min(1),
  verbs: z.array(z.string()).min(1),
  resourceNames: z.array(z.string()).optional(),
});
/** The "rbac" of `simian rbac -o json`: a ClusterRole's rules and each namespace's Role rules. */
const rbacSchema = z
  .strictObject({
    cluster: z.array(rule).describe('Rules of the ClusterRole (none: no ClusterRole).'),
    namespaces: z
      .record(z.string().min(1), z.array(rule))
      .describe('Namespace -> rules of the Role there.'),
  })
  .describe('The "rbac" of `simian rbac ... -o json`.');

const dnsLabel = z
  .string()
  .regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'a DNS label: lower case letters, digits and -')
  .max(30);
const cron = z.string().regex(/^(\S+\s+){4}\S+$/, 'a 5-field cron expression');

/**
 * The chart's own values, strict so a misspelt key fails `helm install`; `config` is simian.yaml's
 * schema itself (added in {@link chartValuesJsonSchema}).
 */
export const chartValuesSchema = z.strictObject({
  image: z.strictObject({
    repository: z.string().min(1),
    tag: z.string().min(1),
    pullPolicy: z.enum(['Always', 'IfNotPresent', 'Never']),
  }),
  mode: z
    .enum(['cronjobs', 'daemon'])
    .describe('cronjobs: one CronJob per enabled monkey; daemon: one Deployment with a Lease.'),
  config: z.unknown(),
  monkeys: z.record(
    z.string(),
    z.strictObject({
      schedule: cron.optional().describe("How often the monkey's CronJob wakes it."),
      rbac: rbacSchema.optional(),
    }),
  ),
  cronjob: z.strictObject({
    schedule: cron,
    successfulJobsHistoryLimit: z.int().min(0),
    failedJobsHistoryLimit: z.int().min(0),
    activeDeadlineSeconds: z.int().min(1),
  }),
  daemon: z.strictObject({
    replicas: z.int().min(1),
    leaseDurationSeconds: z.int().min(2),
    storeAccessMode: z.enum(['ReadWriteOnce', 'ReadWriteMany']),
    rbac: rbacSchema.nullable(),
  }),
  killSwitch: z.strictObject({
    create: z.boolean(),
    name: z.string(),
    engaged: z.enum(['true', 'false']),
  }),
  store: z.strictObject({
    persistence: z.strictObject({
      enabled: z.boolean(),
      size: z.string().regex(/^\d+(Ki|Mi|Gi|Ti)$/, 'a quantity such as 1Gi'),
      storageClassName: z.string(),
    }),
  }),
  secretEnvFrom: z.array(z.string().min(1)).describe('Existing Secrets, as environment variables.'),
  env: z.array(z.looseObject({ name: z.string().min(1) })),
  experiments: z.array(
    z.strictObject({
      name: dnsLabel,
      experiment: z.looseObject({ title: z.string(), method: z.array(z.unknown()).min(1) }),
      rbac: rbacSchema,
      schedule: cron.optional().describe('A CronJob on this schedule; none: a Job, run once.'),
      dryRun: z.boolean().optional(),
      rollbackStrategy: z.enum(['default', 'always', 'never', 'deviated']).optional(),
    }),
  ),
  metrics: z.strictObject({
    enabled: z.boolean(),
    port: z.int().min(1).max(65535),
    serviceMonitor: z.strictObject({
      enabled: z.boolean(),
      interval: z.string(),
      labels: z.record(z.string(), z.string()),
    }),
  }),
  grafanaDashboard: z.strictObject({
    enabled: z.boolean(),
    labels: z.record(z.string(), z.string()),
  }),
  securityContext: z.strictObject({ runAsUser: z.int().min(1) }),
  resources: z.looseObject({}),
  labels: z.record(z.string(), z.string()).describe('Labels on every object.'),
  fullnameOverride: z.string(),
});

/**
 * values.schema.json: the chart's values, with `config` checked by simian.yaml's own JSON Schema
 * (the one `simian schema` prints), so `helm install` names the bad key either way.
 */
export function chartValuesJsonSchema(registry: Registry): Record<string, unknown> {
  const schema = z.toJSONSchema(chartValuesSchema, { io: 'input' }) as {
    properties: Record<string, unknown>;
    required?: string[];
  };
  const { $schema: _drop, ...config } = configJsonSchema(registry) as Record<string, unknown>;
  schema.properties.config = config;
  // Values merge over values.yaml, so nothing needs restating in a user's file.
  delete schema.required;
  return schema;
}

/** The RBAC the chart grants when a monkey's values give none (files/rbac.json). */
export interface GeneratedChartRbac {
  monkeys: Record<string, unknown>;
  daemon: unknown;
}

/**
 * files/rbac.json: for `config` (the chart's default), each enabled monkey's rules and the
 * daemon's (every enabled monkey), as `simian rbac` computes them. The kill switch and the Lease
 * are the chart's own objects, so it grants them itself.
 */
export function generatedChartRbac(
  registry: Registry,
  activities: ActivityRegistry,
  valuesText: string,
): GeneratedChartRbac {
  const config = chartConfig(registry, valuesText);
  const monkeys: Record<string, unknown> = {};
  for (const m of enabledMonkeys(registry, config)) {
    monkeys[m.name] = rbacAnswer(registry, activities, { monkeys: [m], config }).kubernetes?.plan;
  }
  const daemon = rbacAnswer(registry, activities, {
    monkeys: enabledMonkeys(registry, config),
    config,
  }).kubernetes?.plan;
  return { monkeys, daemon };
}

/** The `config` of a values file, parsed as simian.yaml. */
export function chartConfig(registry: Registry, valuesText: string) {
  const values = parse(valuesText) as { config?: unknown };
  return parseConfigText(stringify(values.config ?? {}), 'values.yaml (config)', registry, {
    env: {},
  });
}

/** One shipped example: a values file running one experiment of deploy/examples/experiments. */
export interface ChartExample {
  name: string;
  /** The experiment file, from the repository root. */
  experiment: string;
  heading: string;
  schedule?: string;
  /** The namespaces the in-cluster context is limited to. */
  namespaces: string[];
  rollbackStrategy?: 'always';
}

/** The examples shipped with the chart (seed 002's and seed 004's in-cluster flows). */
export const CHART_EXAMPLES: ChartExample[] = [
  {
    name: 'go-app-random-pod',
    experiment: 'deploy/examples/experiments/go-app-random-pod.yaml',
    heading:
      "Seed 002: a random pod of go-app terminated every two minutes by a CronJob whose pod runs once\n(restartPolicy Never), with a ServiceAccount that may do only what the experiment's activity\ndeclares, in go-app only.",
    schedule: '*/2 * * * *',
    namespaces: ['go-app'],
  },
  {
    name: 'service2-rollout',
    experiment: 'deploy/examples/experiments/service2-rollout.yaml',
    heading:
      'Seed 004: the rollout experiment of service2 as a Kubernetes Job, run once, with the rights its\nprobes, action and rollback declare, in the counter namespace only.',
    namespaces: ['counter'],
    // Returns service2 to the revision it had, whatever the outcome.
    rollbackStrategy: 'always',
  },
];

/** examples/NAME.values.yaml: no monkey, the experiment and exactly the RBAC it declares. */
export function chartExampleValues(
  registry: Registry,
  activities: ActivityRegistry,
  example: ChartExample,
  root: string,
): string {
  const configValues = {
    version: 1,
    store: { path: '/var/lib/simian/simian.db' },
    targets: {
      kubernetes: [
        { name: 'in-cluster', inCluster: true, namespaces: { include: example.namespaces } },
      ],
    },
    monkeys: { chaos: { enabled: false }, conformity: { enabled: false } },
  };
  const config = parseConfigText(stringify(configValues), `${example.name} (config)`, registry, {
    env: {},
  });
  const experiment = loadExperimentFile(`${root}/${example.experiment}`, { activities, env: {} });
  const answer = rbacAnswer(registry, activities, {
    monkeys: [],
    config,
    experiments: [{ source: example.experiment, experiment }],
  });
  const raw = parse(readFileSync(`${root}/${example.experiment}`, 'utf8')) as unknown;
  const values = {
    config: configValues,
    experiments: [
      {
        name: example.name,
        ...(example.schedule ? { schedule: example.schedule } : {}),
        ...(example.rollbackStrategy ? { rollbackStrategy: example.rollbackStrategy } : {}),
        experiment: raw,
        rbac: answer.kubernetes?.plan ?? { cluster: [], namespaces: {} },
      },
    ],
  };
  const header = [
    `# ${example.heading.replaceAll('\n', '\n# ')}`,
    '#',
    `# Generated by \`npm run deploy:chart\` from ${example.experiment}; do not edit by hand.`,
    `# The rbac block is \`simian rbac --experiment ${example.experiment} -o json\`'s "rbac".`,
  ].join('\n');
  return `${header}\n${stringify(values, { lineWidth: 0 })}`;
}
