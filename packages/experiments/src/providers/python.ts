import { z } from 'zod';
import { ActionFailedError, formatConfigIssue, isSimianError } from '@simian/core';
import type {
  ActivityContext,
  CheckContext,
  CheckIssue,
  NamedPythonFunction,
  ActivityProviderType,
} from '../registry.js';
import {
  hasValues,
  substitute,
  type ExperimentConfiguration,
  type ExperimentSecrets,
} from '../substitute.js';
import { toIssue, zodIssues } from '../zod-issues.js';

/**
 * `{type: python, module, func, arguments, secrets}`. The dotted name `module.func` is looked up
 * among the functions registered with `registerPythonFunction`, which Simian runs natively.
 * Arguments are substituted as chaoslib does and checked against the function's schema;
 * `secrets: [scope, ...]` selects the secret scopes the function receives, merged.
 *
 * Any other function runs in the Python bridge, when one is attached to the registry and the
 * user opted in: a real Python process running chaoslib's own activity runner, outside Simian's
 * safety gate (validation says so for each such activity). Without the bridge, an unknown
 * function is an error that names the module and the function.
 */
export const pythonProviderSchema = z.looseObject({
  type: z.literal('python'),
  module: z.string().min(1, 'a Python activity must name its module'),
  func: z.string().min(1, 'a Python activity must name its function'),
  arguments: z.record(z.string(), z.unknown()).optional(),
  secrets: z.array(z.string()).optional(),
});
type PythonProvider = z.output<typeof pythonProviderSchema>;

export const pythonProviderType: ActivityProviderType = {
  type: 'python',
  description: 'A Chaos Toolkit extension function, run by its Simian implementation.',
  schema: pythonProviderSchema,
  target: (provider) => `${String(provider.module)}.${String(provider.func)}`,
  native: (provider, registry) =>
    registry.findPythonFunction(String(provider.module), String(provider.func)) !== undefined,
  check: checkPython,
  run: runPython,
};

function checkPython(raw: Record<string, unknown>, context: CheckContext): CheckIssue[] {
  const issues = zodIssues(pythonProviderSchema, raw);
  if (issues.length > 0) return issues;
  const provider = pythonProviderSchema.parse(raw);
  const bridge = context.registry.pythonBridge();
  if (bridge && !context.registry.findPythonFunction(provider.module, provider.func)) {
    const what = `activity "${context.activityName}" calls ${provider.module}.${provider.func}, which Simian does not implement: it runs in the Python bridge, outside Simian's safety gate (no scope, protected or opt-out rules, no dry-run)`;
    if (bridge.allowed) return [{ path: 'func', message: what, warning: true }];
    return [
      {
        path: 'func',
        message: `${what}, which needs an explicit opt-in: ${bridge.optIn}`,
        ...(context.mode === 'validate' ? { warning: true } : {}),
      },
    ];
  }
  let fn: NamedPythonFunction;
  try {
    fn = context.registry.pythonFunction(provider.module, provider.func, context.activityName);
  } catch (e) {
    if (!isSimianError(e)) throw e;
    return [
      {
        path: 'func',
        message: `${e.message}; ${e.hint ? `${e.hint}; ` : ''}or run it in the Python bridge (--python-bridge, see docs/experiments.md)`,
      },
    ];
  }
  const args = resolveArguments(provider, context.configuration, context.secrets);
  return zodIssues(fn.arguments, args, 'arguments');
}

function resolveArguments(
  provider: PythonProvider,
  configuration: ExperimentConfiguration,
  secrets: ExperimentSecrets,
): Record<string, unknown> {
  const args = { ...(provider.arguments ?? {}) };
  return hasValues(configuration, secrets) ? substitute(args, configuration, secrets) : args;
}

async function runPython(raw: Record<string, unknown>, context: ActivityContext): Promise<unknown> {
  const provider = pythonProviderSchema.parse(raw);
  const bridge = context.registry.pythonBridge();
  if (bridge && !context.registry.findPythonFunction(provider.module, provider.func)) {
    if (!bridge.allowed) {
      throw new ActionFailedError(
        `${provider.module}.${provider.func} runs in the Python bridge, which needs an opt-in`,
        { hint: bridge.optIn },
      );
    }
    return bridge.run(
      { type: context.activity.type, name: context.activity.name, provider: raw },
      context,
    );
  }
  const fn = context.registry.pythonFunction(provider.module, provider.func, context.activity.name);
  const parsed = fn.arguments.safeParse(
    resolveArguments(provider, context.configuration, context.secrets),
    { reportInput: true },
  );
  if (!parsed.success) {
    const detail = parsed.error.issues
      .map((i) => formatConfigIssue(toIssue(i, 'arguments')))
      .join('; ');
    throw new ActionFailedError(`invalid arguments for ${fn.name}: ${detail}`);
  }
  const selected: Record<string, unknown> = {};
  for (const scope of provider.secrets ?? []) {
    const values = context.secrets[scope];
    if (typeof values === 'object' && values !== null) Object.assign(selected, values);
  }
  return fn.run(parsed.data, { ...context, secrets: selected });
}
