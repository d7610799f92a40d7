import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadAllYaml } from '@kubernetes/client-node';
import { createLogger } from '@simian/core';
import { kubernetesSeedDir } from '@simian/sandbox';
import {
  kubernetesProvider,
  type KubernetesContextConfig,
  type KubernetesProvider,
} from '../src/index.js';

/** A quiet logger for tests. */
export const logger = createLogger({ level: 'silent', format: 'json' });

/** A provider over the sandbox, with target fields of the test's choosing. */
export function sandboxProvider(
  kubeconfig: string,
  entry: Partial<KubernetesContextConfig> = {},
): KubernetesProvider {
  const config = kubernetesProvider.targetSchema.parse([{ kubeconfig, ...entry }]);
  return kubernetesProvider.create(config, { logger, configDir: process.cwd() });
}

/** One object of the seed manifests. */
export interface SeedObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  spec?: { replicas?: number };
}

/** Every object the sandbox seed applies (packages/sandbox/seed/kubernetes/*.yaml). */
export function seedObjects(): SeedObject[] {
  return readdirSync(kubernetesSeedDir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .flatMap(
      (f) =>
        loadAllYaml(readFileSync(join(kubernetesSeedDir, f), 'utf8')) as Array<SeedObject | null>,
    )
    .filter((o): o is SeedObject => o !== null);
}

/** A unique name for objects a test creates. */
export const uniqueName = (prefix: string): string =>
  `${prefix}-${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
