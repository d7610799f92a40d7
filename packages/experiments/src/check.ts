import type { ConfigIssue } from '@simian/core';
import { isSimianError, redactText } from '@simian/core';
import { loadConfiguration } from './configuration.js';
import { parseJsonPath } from './jsonpath.js';
import { activitiesByName } from './refs.js';
import type { ActivityRegistry } from './registry.js';
import { isActivityRef, type Activity, type Experiment, type MethodItem } from './schema.js';
import { loadSecrets, secretValues } from './secrets.js';
import { substitute, type ExperimentConfiguration, type ExperimentSecrets } from './substitute.js';
import { pythonRegex } from './tolerance.js';
import { joinPath } from './zod-issues.js';

/** One activity of an experiment as `simian experiment validate` lists it. */
export interface ExperimentActivitySummary {
  /** Where it is declared: `steady-state-hypothesis`, `method` or `rollbacks`. */
  section: 'steady-state-hypothesis' | 'method' | 'rollbacks';
  /** Its path in the file, such as `method.2`. */
  path: string;
  name: string;
  type: 'probe' | 'action';
  provider: 'http' | 'process' | 'python';
  /** True when Simian runs it itself; false for a Python function it does not implement. */
  native: boolean;
  /** `module.func` for Python, the URL for http, the executable for process. */
  target: string;
  background: boolean;
  /** Set when the entry is a `{ref: name}` to an activity declared elsewhere. */
  ref?: string;
}

/** The result of checking an experiment against the registry and the environment. */
export interface ExperimentCheck {
  configuration: ExperimentConfiguration;
  secrets: ExperimentSecrets;
  issues: ConfigIssue[];
  activities: ExperimentActivitySummary[];
}

export interface CheckExperimentOptions {
  activities: ActivityRegistry;
  /** Where `{type: env}` configuration and secrets are read. @default process.env */
  env?: NodeJS.ProcessEnv;
}

/**
 * Everything that can be known before an experiment runs: configuration and secrets resolve,
 * every provider block is well formed, every Python function is implemented and its arguments fit,
 * every `ref` names a declared activity, every executable exists, every JSONPath and regex parses,
 * and no Chaos Toolkit control is declared (Simian runs none, and ignoring a safeguard would be
 * unsafe). The runner refuses to start while any issue remains.
 */
export function checkExperiment(
  experiment: Experiment,
  options: CheckExperimentOptions,
): ExperimentCheck {
  const env = options.env ?? process.env;
  const registry = options.activities;
  const config = loadConfiguration(experiment.configuration, env);
  const secrets = loadSecrets(experiment.secrets, env);
  const issues: ConfigIssue[] = [...config.issues, ...secrets.issues];
  const summaries: ExperimentActivitySummary[] = [];
  const byName = activitiesByName(experiment);
  const base = { registry, configuration: config.configuration, secrets: secrets.secrets, env };

  const checkActivity = (activity: Activity, path: string) => {
    const providerType = registry.providerType(activity.provider.type);
    const found = providerType.check(activity.provider, { ...base, activityName: activity.name });
    issues.push(...found.map((i) => ({ ...i, path: joinPath(`${path}.provider`, i.path) })));
    issues.push(...controlIssues(activity.controls, `${path}.controls`));
    const tolerance = activity.tolerance;
    if (typeof tolerance !== 'object' || Array.isArray(tolerance)) return;
    if (tolerance.type === 'probe') checkActivity(tolerance, `${path}.tolerance`);
    if (tolerance.type === 'jsonpath') {
      const text = String(substitute(tolerance.path, base.configuration, base.secrets));
      try {
        parseJsonPath(text);
      } catch (e) {
        if (!isSimianError(e)) throw e;
        issues.push({ path: `${path}.tolerance.path`, message: e.message });
      }
    }
    if (tolerance.type === 'regex') {
      const text = String(substitute(tolerance.pattern, base.configuration, base.secrets));
      try {
        pythonRegex(text);
      } catch (e) {
        issues.push({
          path: `${path}.tolerance.pattern`,
          message: `invalid regex: ${(e as Error).message}`,
        });
      }
    }
  };

  const visit = (
    section: ExperimentActivitySummary['section'],
    items: MethodItem[],
    prefix: string,
  ) => {
    items.forEach((item, i) => {
      const path = `${prefix}.${i}`;
      const activity = isActivityRef(item) ? byName.get(item.ref) : item;
      if (!activity) {
        issues.push({
          path: `${path}.ref`,
          message: `refers to activity "${(item as { ref: string }).ref}", which is not declared in the method or the steady-state hypothesis`,
        });
        return;
      }
      if (!isActivityRef(item)) checkActivity(activity, path);
      const providerType = registry.providerType(activity.provider.type);
      summaries.push({
        section,
        path,
        name: activity.name,
        type: activity.type,
        provider: activity.provider.type,
        native: providerType.native(activity.provider, registry),
        // Configuration only: a target shown to a person must not carry a secret.
        target: providerType.target(substitute(activity.provider, base.configuration, {})),
        background: activity.background ?? false,
        ...(isActivityRef(item) ? { ref: item.ref } : {}),
      });
    });
  };

  const hypothesis = experiment['steady-state-hypothesis'];
  visit('steady-state-hypothesis', hypothesis?.probes ?? [], 'steady-state-hypothesis.probes');
  visit('method', experiment.method, 'method');
  visit('rollbacks', experiment.rollbacks ?? [], 'rollbacks');
  issues.push(...controlIssues(experiment.controls, 'controls'));
  issues.push(...controlIssues(hypothesis?.controls, 'steady-state-hypothesis.controls'));

  // A message may quote a value with a secret substituted into it (a URL with a token).
  const hidden = secretValues(secrets.secrets);
  return {
    configuration: config.configuration,
    secrets: secrets.secrets,
    issues: issues.map((i) => ({ ...i, message: redactText(i.message, hidden) })),
    activities: summaries,
  };
}

function controlIssues(controls: unknown[] | undefined, path: string): ConfigIssue[] {
  return (controls ?? []).map((control, i) => {
    const c = (control ?? {}) as {
      name?: unknown;
      provider?: { module?: unknown; type?: unknown };
    };
    const module = typeof c.provider?.module === 'string' ? c.provider.module : undefined;
    return {
      path: `${path}.${i}`,
      message: `control "${String(c.name ?? i)}"${module ? ` (Python module ${module})` : ''} cannot run: Simian runs no Chaos Toolkit controls, and skipping one (it may be a safeguard) would change what the experiment means; remove the controls block to run it with Simian`,
    };
  });
}
