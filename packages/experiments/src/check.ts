import type { ConfigIssue } from '@simian/core';
import { isSimianError, redactText } from '@simian/core';
import { loadConfiguration } from './configuration.js';
import { planControls, type ControlSummary, type Safeguard } from './controls.js';
import { parseJsonPath } from './jsonpath.js';
import { activitiesByName } from './refs.js';
import type { ActivityRegistry, CheckIssue } from './registry.js';
import {
  isActivityRef,
  type Activity,
  type Experiment,
  type HypothesisProbe,
  type MethodItem,
  type Tolerance,
} from './schema.js';
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
  /**
   * True for a Python function Simian does not implement that runs in the Python bridge (a real
   * Python process, outside Simian's safety gate).
   */
  bridge: boolean;
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
  /** What stops the experiment from running. */
  issues: ConfigIssue[];
  /** What does not stop it but a person should know (a skipped control, a bridged activity...). */
  warnings: ConfigIssue[];
  activities: ExperimentActivitySummary[];
  /** Every declared control and what Simian does with it. */
  controls: ControlSummary[];
  /** The probes of an experiment-level safeguards control, which the run keeps an eye on. */
  safeguards: Safeguard[];
}

export interface CheckExperimentOptions {
  activities: ActivityRegistry;
  /** Where `{type: env}` configuration and secrets are read. @default process.env */
  env?: NodeJS.ProcessEnv;
  /**
   * `run` (default): everything the run needs must be there. `validate`: environment values and
   * executables only the run needs are warnings.
   */
  mode?: 'validate' | 'run';
  /** `--var` / `--var-file` values: they override the experiment's configuration and secrets. */
  vars?: { configuration?: Record<string, unknown>; secrets?: Record<string, unknown> };
}

/**
 * Everything that can be known before an experiment runs: configuration and secrets resolve,
 * every provider block is well formed, every Python function is implemented (or runs in the
 * opted-in Python bridge) and its arguments fit, every `ref` names a declared activity, every
 * executable exists, every JSONPath and regex parses. Controls are never an error: each is run
 * (safeguards) or skipped with a warning that says why. The runner refuses to start while any
 * issue remains.
 */
export function checkExperiment(
  experiment: Experiment,
  options: CheckExperimentOptions,
): ExperimentCheck {
  const env = options.env ?? process.env;
  const mode = options.mode ?? 'run';
  const registry = options.activities;
  const unsetIsWarning = mode === 'validate';
  const config = loadConfiguration(experiment.configuration, env, {
    vars: options.vars?.configuration ?? {},
    unsetIsWarning,
  });
  const secrets = loadSecrets(experiment.secrets, env, {
    vars: options.vars?.secrets ?? {},
    unsetIsWarning,
  });
  const issues: ConfigIssue[] = [...config.issues, ...secrets.issues];
  const warnings: ConfigIssue[] = [...config.warnings, ...secrets.warnings];
  const summaries: ExperimentActivitySummary[] = [];
  const byName = activitiesByName(experiment);
  const base = {
    registry,
    configuration: config.configuration,
    secrets: secrets.secrets,
    env,
    mode,
  };
  const sort = (found: CheckIssue[], prefix: string) => {
    for (const { warning, ...issue } of found) {
      (warning ? warnings : issues).push({ ...issue, path: joinPath(prefix, issue.path) });
    }
  };

  const checkTolerance = (tolerance: Tolerance | undefined, path: string) => {
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

  function checkActivity(activity: Activity, path: string) {
    const providerType = registry.providerType(activity.provider.type);
    const found = providerType.check(activity.provider, { ...base, activityName: activity.name });
    sort(found, `${path}.provider`);
    checkTolerance(activity.tolerance, path);
  }

  const visit = (
    section: ExperimentActivitySummary['section'],
    items: Array<MethodItem | HypothesisProbe>,
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
      if (isActivityRef(item)) checkTolerance(item.tolerance as Tolerance | undefined, path);
      else checkActivity(activity, path);
      const providerType = registry.providerType(activity.provider.type);
      const native = providerType.native(activity.provider, registry);
      summaries.push({
        section,
        path,
        name: activity.name,
        type: activity.type,
        provider: activity.provider.type,
        native,
        bridge: !native && registry.pythonBridge() !== undefined,
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
  const controls = planControls(experiment);
  warnings.push(...controls.warnings);
  for (const { probe, path } of controls.safeguards) {
    if (typeof probe !== 'object' || probe === null || typeof probe.provider !== 'object') {
      issues.push({ path, message: 'a safeguard probe must be an activity with a provider' });
    } else {
      checkActivity(probe, path);
    }
  }

  // A message may quote a value with a secret substituted into it (a URL with a token).
  const hidden = secretValues(secrets.secrets);
  return {
    configuration: config.configuration,
    secrets: secrets.secrets,
    issues: issues.map((i) => ({ ...i, message: redactText(i.message, hidden) })),
    warnings: warnings.map((w) => ({ ...w, message: redactText(w.message, hidden) })),
    activities: summaries,
    controls: controls.controls,
    safeguards: controls.safeguards,
  };
}
