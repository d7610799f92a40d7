import { silentLogger, type SimianConfig, type Logger } from '@simian/core';
import {
  loadExperimentFile,
  parseExperimentText,
  type ActivityRegistry,
  type CheckExperimentOptions,
  type Experiment,
} from '@simian/experiments';
import {
  KubernetesProvider,
  kubernetesTargetSchema,
  parseConfigMapSource,
  type KubernetesTargetConfig,
} from '@simian/provider-kubernetes';

/**
 * An experiment from a file, or from a ConfigMap key (`configmap://ns/name/key`, seed 002's way of
 * keeping experiments in the cluster), read from the first context of `config`'s
 * targets.kubernetes, else from $KUBECONFIG, ~/.kube/config or the pod's service account.
 */
export async function loadExperimentSource(
  source: string,
  options: {
    activities: ActivityRegistry;
    config?: SimianConfig;
    logger?: Logger;
    /** `--var`/`--var-file` values, and where `{type: env}` values are read. */
    vars?: CheckExperimentOptions['vars'];
    env?: NodeJS.ProcessEnv;
  },
): Promise<Experiment> {
  const where = parseConfigMapSource(source);
  const load = {
    activities: options.activities,
    ...(options.vars ? { vars: options.vars } : {}),
    ...(options.env ? { env: options.env } : {}),
  };
  if (!where) return loadExperimentFile(source, load);
  const targets = (options.config?.targets.kubernetes ??
    kubernetesTargetSchema.parse([{}])) as KubernetesTargetConfig;
  const provider = new KubernetesProvider(targets, {
    logger: options.logger ?? silentLogger(),
    configDir: options.config?.source.dir ?? process.cwd(),
  });
  try {
    const text = await provider.readConfigMapKey(provider.scopes()[0]!, where);
    // The key's name picks JSON or YAML, as a file's extension does.
    return parseExperimentText(text, source, load);
  } finally {
    await provider.close();
  }
}
