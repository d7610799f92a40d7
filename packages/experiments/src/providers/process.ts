import { spawn } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { constants as osConstants, homedir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import { z } from 'zod';
import { ActionFailedError, InterruptedError } from '@simian/core';
import type { ActivityContext, ActivityProviderType, CheckIssue } from '../registry.js';
import { hasValues, substitute } from '../substitute.js';
import { zodIssues } from '../zod-issues.js';

/**
 * `{type: process}`: runs an executable, as chaoslib's `run_process_activity` does.
 *
 * - `path`: an executable, found on PATH like `shutil.which` (a leading `~` is expanded).
 * - `arguments`: a list (empty and null entries dropped), a mapping (flattened to key, value, ...),
 *   or a string, which runs through `/bin/sh -c "<path> <arguments>"` as chaoslib's `shell=True`.
 * - `timeout` (seconds): the process is killed and the activity fails. No timeout by default.
 * - Output `{status, stdout, stderr}`. A non-zero exit is an output, not a failure; a process
 *   killed by a signal has status `-<signal number>`, as Python reports it.
 *
 * Simian starts the process in its own process group and, on interruption, signals the whole
 * group, so a shell's children do not outlive the run.
 */
export const processProviderSchema = z.looseObject({
  type: z.literal('process'),
  path: z.string().min(1, 'a process activity must have a path'),
  arguments: z
    .union([z.string(), z.array(z.unknown()), z.record(z.string(), z.unknown())])
    .optional(),
  timeout: z.number().positive().optional(),
});

export interface ProcessOutput {
  status: number;
  stdout: string;
  stderr: string;
}

export const processProviderType: ActivityProviderType = {
  type: 'process',
  description: 'Runs an executable; output {status, stdout, stderr}.',
  schema: processProviderSchema,
  target: (provider) => String(provider.path),
  native: () => true,
  check(provider, { env, activityName, mode }) {
    const issues: CheckIssue[] = zodIssues(processProviderSchema, provider);
    // The executable is needed where the experiment runs, which need not be where it is
    // validated: validation warns, the run refuses to start (chaoslib refuses too).
    if (issues.length === 0 && !which(String(provider.path), env)) {
      issues.push({
        path: 'path',
        message: `executable "${String(provider.path)}" of activity "${activityName}" cannot be found on PATH${mode === 'validate' ? ' here; the run needs it where it runs' : ''}`,
        ...(mode === 'validate' ? { warning: true } : {}),
      });
    }
    return issues;
  },
  run: (provider, context) => runProcess(provider, context),
};

/** `shutil.which`: the executable's absolute path, or undefined. */
export function which(command: string, env: NodeJS.ProcessEnv): string | undefined {
  const expanded = command.replace(/^~(?=$|\/)/, homedir());
  const candidates = expanded.includes('/')
    ? [resolve(expanded)]
    : (env.PATH ?? '')
        .split(delimiter)
        .filter(Boolean)
        .map((dir) => join(dir, expanded));
  return candidates.find((file) => {
    try {
      accessSync(file, constants.X_OK);
      return statSync(file).isFile();
    } catch {
      return false;
    }
  });
}

function commandLine(path: string, args: unknown): { file: string; argv: string[] } {
  if (typeof args === 'string') return { file: '/bin/sh', argv: ['-c', `${path} ${args}`] };
  const flat = Array.isArray(args)
    ? args
    : Object.entries((args ?? {}) as Record<string, unknown>).flat();
  const argv = flat
    .filter((a) => a !== null && a !== undefined && a !== '')
    .map((a) => (a === true ? 'True' : a === false ? 'False' : String(a)));
  return { file: path, argv };
}

async function runProcess(
  raw: Record<string, unknown>,
  context: ActivityContext,
): Promise<ProcessOutput> {
  const provider = processProviderSchema.parse(raw);
  let args: unknown = provider.arguments ?? [];
  if (provider.arguments && hasValues(context.configuration, context.secrets)) {
    args = substitute(args, context.configuration, context.secrets);
  }
  const path = which(provider.path, context.env);
  if (!path) throw new ActionFailedError(`executable "${provider.path}" cannot be found on PATH`);
  const { file, argv } = commandLine(path, args);
  // The arguments as written, before substitution: substituted ones may carry secrets.
  context.logger.debug(
    { activity: context.activity.name, path, arguments: provider.arguments },
    'running a process',
  );

  const child = spawn(file, argv, {
    env: context.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  child.stdout.on('data', (c: Buffer) => stdout.push(c));
  child.stderr.on('data', (c: Buffer) => stderr.push(c));

  let stoppedBy: 'timeout' | 'abort' | undefined;
  const killGroup = (signal: NodeJS.Signals) => {
    try {
      if (child.pid) process.kill(-child.pid, signal);
    } catch {
      // Already gone.
    }
  };
  const timer =
    provider.timeout === undefined
      ? undefined
      : setTimeout(() => {
          stoppedBy = 'timeout';
          killGroup('SIGKILL');
        }, provider.timeout * 1000);
  const onAbort = () => {
    stoppedBy ??= 'abort';
    killGroup('SIGTERM');
  };
  context.signal.addEventListener('abort', onAbort, { once: true });

  try {
    const { code, signal } = await new Promise<{ code: number | null; signal: string | null }>(
      (resolveExit, reject) => {
        child.once('error', reject);
        child.once('close', (c, s) => resolveExit({ code: c, signal: s }));
      },
    );
    if (stoppedBy === 'timeout') {
      throw new ActionFailedError('process activity took too long to complete', {
        hint: `it ran longer than its timeout of ${provider.timeout}s`,
      });
    }
    if (stoppedBy === 'abort')
      throw new InterruptedError(`process ${provider.path} was interrupted`);
    const signalNumber = signal
      ? (osConstants.signals[signal as keyof typeof osConstants.signals] ?? 0)
      : 0;
    const status = code ?? -signalNumber;
    if (!context.activity.hasTolerance && status > 0) {
      context.logger.warn(
        { activity: context.activity.name, status },
        'this process exited with a non-zero status; that may not be what you expected',
      );
    }
    return {
      status,
      stdout: Buffer.concat(stdout).toString('utf8'),
      stderr: Buffer.concat(stderr).toString('utf8'),
    };
  } catch (e) {
    if (e instanceof ActionFailedError || e instanceof InterruptedError) throw e;
    throw new ActionFailedError(`cannot run ${provider.path}: ${(e as Error).message}`, {
      cause: e,
    });
  } finally {
    clearTimeout(timer);
    context.signal.removeEventListener('abort', onAbort);
  }
}
