// Child process for the reaper test: a real run (the real engine and Kubernetes provider, against
// the sandbox) whose monkey injects one fault, a deny-all NetworkPolicy with an expiry a few
// seconds on, says "injected", and then hangs until the parent kills it with SIGKILL.
import { z } from 'zod';
import {
  createLogger,
  parseConfigText,
  Registry,
  runMonkeys,
  Store,
  type Monkey,
} from '@simian/core';
import { kubernetesProvider } from '@simian/provider-kubernetes';

const [kubeconfig, namespace, name, expirySeconds, dbPath] = process.argv.slice(2) as [
  string,
  string,
  string,
  string,
  string,
];

const faulter: Monkey = {
  name: 'faulter',
  description: 'injects one deny-all NetworkPolicy and hangs (tests only)',
  destructive: true,
  configSchema: z.strictObject({}),
  reads: [],
  verbs: ['kubernetes:inject-fault:NetworkPolicy'],
  async plan(ctx) {
    const scope = ctx.inventory.provider('kubernetes').scopes()[0]!;
    return {
      monkey: 'faulter',
      findings: [],
      groups: { 'faults-test': { total: 1, healthy: 1 } },
      actions: [
        {
          id: `deny-${name}`,
          monkey: 'faulter',
          verb: 'inject-fault',
          resource: {
            ref: `k8s:${scope}/${namespace}/NetworkPolicy/${name}`,
            provider: 'kubernetes',
            kind: 'NetworkPolicy',
            name,
            namespace,
            labels: {},
          },
          reason: 'cut every pod of the namespace off (reaper test)',
          group: 'faults-test',
          reversible: true,
          deadline: new Date(ctx.now.getTime() + Number(expirySeconds) * 1000).toISOString(),
          params: {
            fault: {
              object: { spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] } },
            },
          },
        },
      ],
    };
  },
  async apply(ctx, gated) {
    const outcome = await ctx.executor.execute(gated.allowed[0]!);
    process.stdout.write(`injected ${outcome.status}\n`);
    await new Promise(() => undefined);
    return [outcome];
  },
};

const registry = new Registry().registerProvider(kubernetesProvider).registerMonkey(faulter);
const config = parseConfigText(
  `version: 1
safety:
  blastRadius: { minHealthy: 0, maxGroupShare: 1 }
targets:
  kubernetes:
    - kubeconfig: ${kubeconfig}
      namespaces: { include: [${namespace}] }
monkeys:
  faulter:
    enabled: true
    dryRun: false
    schedule:
      windows: { days: [sun, mon, tue, wed, thu, fri, sat], hours: { start: "00:00", end: "24:00" } }
`,
  '/tmp/simian-faults-test.yaml',
  registry,
  { env: {} },
);
await runMonkeys({
  config,
  registry,
  store: new Store(dbPath),
  logger: createLogger({ level: 'warn', format: 'json' }),
  mode: 'run',
  env: {},
});
