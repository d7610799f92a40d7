// Helpers for the security monkey's tests against the sandbox.
import {
  parseConfigText,
  Registry,
  runMonkeys,
  silentLogger,
  Store,
  type Finding,
  type RunResult,
  type SimianConfig,
} from '@simian/core';
import { awsProvider } from '@simian/provider-aws';
import { kubernetesProvider } from '@simian/provider-kubernetes';
import { securityMonkey } from '../src/index.js';

export const registry = (): Registry =>
  new Registry()
    .registerMonkey(securityMonkey)
    .registerProvider(kubernetesProvider)
    .registerProvider(awsProvider);

export const ALWAYS =
  '{ days: [sun, mon, tue, wed, thu, fri, sat], hours: { start: "00:00", end: "24:00" } }';

/** simian.yaml with `targets` and the security monkey; `own` is indented under monkeys.security. */
export function securityConfig(targets: string, own: string): SimianConfig {
  const indented = own
    .trim()
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n');
  return parseConfigText(
    `version: 1
targets:
${targets}
monkeys:
  security:
    enabled: true
    schedule:
      windows: ${ALWAYS}
${indented}
`,
    '/tmp/simian-security-test.yaml',
    registry(),
    { env: {} },
  );
}

/** One real run of the security monkey through the engine (plan, gate, no actions). */
export async function runSecurity(config: SimianConfig): Promise<RunResult> {
  return runMonkeys({
    config,
    registry: registry(),
    store: new Store(':memory:'),
    logger: silentLogger(),
    mode: 'plan',
    env: {},
  });
}

/** The findings of a run. */
export const findingsOf = (r: RunResult): Finding[] => r.monkeys[0]?.gated.findings ?? [];

/** `RULE name` for each finding, for readable assertions. */
export const named = (findings: readonly Finding[]) =>
  findings.map((f) => `${f.ruleId} ${f.resource.name}`);
