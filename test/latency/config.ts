// simian.yaml for the latency tests: the sandbox, one namespace, the latency monkey acting.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfigFile, Registry, type SimianConfig } from '@simian/core';
import { latencyMonkey } from '@simian/latency-monkey';
import { kubernetesProvider } from '@simian/provider-kubernetes';

export const latencyRegistry = (): Registry =>
  new Registry().registerProvider(kubernetesProvider).registerMonkey(latencyMonkey);

/** Writes simian.yaml in a folder of its own (its store beside it); returns the file. */
export function writeLatencyConfig(
  kubeconfig: string,
  namespace: string,
  latencyYaml: string,
): string {
  const dir = mkdtempSync(join(tmpdir(), 'simian-latency-'));
  const file = join(dir, 'simian.yaml');
  writeFileSync(
    file,
    `version: 1
store:
  path: ./simian.db
log:
  level: warn
targets:
  kubernetes:
    - kubeconfig: ${kubeconfig}
      namespaces: { include: [${namespace}] }
monkeys:
  latency:
    enabled: true
    dryRun: false
    schedule:
      windows:
        days: [sun, mon, tue, wed, thu, fri, sat]
        hours: { start: '00:00', end: '24:00' }
${latencyYaml}`,
  );
  return file;
}

export const loadLatencyConfig = (file: string): SimianConfig =>
  loadConfigFile(file, latencyRegistry());
