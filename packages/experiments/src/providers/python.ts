import { z } from 'zod';
import { ActionFailedError, formatConfigIssue, isSimianError } from '@simian/core';
import type {
  ActivityContext,
  CheckContext,
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
 * `{type: python, module, func, arguments, secrets}`: Simian imports no Python. The dotted name
 * `module.func` is looked up among the functions registered with `registerPythonFunction`; an
 * unknown one is an error that names the module and the function. Arguments are substituted as
 * chaoslib does and checked against the function's schema; `secrets: [scope, ...]` selects the
 * secret scopes the function receives, merged.
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

function checkPython(raw: Record<string, unknown>, context: CheckContext) {
  const issues = zodIssues(pythonProviderSchema, raw);
  if (issues.length > 0) return issues;
  const provider = pythonProviderSchema.parse(raw);
  let fn: NamedPythonFunction;
  try {
    fn = context.registry.pythonFunction(provider.module, provider.func, context.activityName);
  } catch (e) {
    if (!isSimianError(e)) throw e;
    return [{ path: 'func', message: e.hint ? `${e.message}; ${e.hint}` : e.message }];
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
