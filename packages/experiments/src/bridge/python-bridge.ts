import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { ActionFailedError, InterruptedError, type Logger } from '@simian/core';
import type { PythonBridgeRunner } from '../registry.js';
import type { ExperimentConfiguration, ExperimentSecrets } from '../substitute.js';

/** The bridge script, shipped beside src/ and dist/ in the package. */
export const BRIDGE_SCRIPT = fileURLToPath(
  new URL('../../python/simian_bridge.py', import.meta.url),
);

/** What a bridged activity is recorded as, before and after it runs (the CLI writes the ledger). */
export interface BridgedActivityRecord {
  activity: string;
  target: string;
}

export interface PythonBridgeOptions {
  /** A Python interpreter that can import chaoslib (see `ensureBridgeEnvironment`). */
  python: string;
  /** Whether the user opted in to running activities outside Simian's gate. */
  allowed: boolean;
  /** How to opt in, for messages. */
  optIn: string;
  /** Folders put first on PYTHONPATH (the experiment's own, the working directory). */
  pythonPath?: string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  logger: Logger;
  /** Read before each bridged activity: a reason stops the run (the kill switch). */
  stopReason?: () => Promise<string | undefined>;
  /** Called when a bridged activity starts; the returned function when it ends. */
  record?: (r: BridgedActivityRecord) => (status: 'succeeded' | 'failed', detail?: string) => void;
}

type Pending = { resolve: (v: Record<string, unknown>) => void; reject: (e: Error) => void };

/**
 * Runs `python` activities Simian does not implement in one long-lived Python process per
 * experiment, through chaoslib's own `run_activity` (python/simian_bridge.py): the function
 * sees the experiment's configuration and secrets as under `chaos run`, and module state (a
 * tracer, a thread an activity started) lives for the whole experiment. Such an activity is
 * outside Simian's safety gate; the kill switch is still read before each one.
 */
export class PythonBridge implements PythonBridgeRunner {
  readonly allowed: boolean;
  readonly optIn: string;
  readonly #o: PythonBridgeOptions;
  #child: ChildProcessWithoutNullStreams | undefined;
  #exited: Promise<void> | undefined;
  #nextId = 1;
  readonly #pending = new Map<number, Pending>();
  #stderr = '';

  constructor(options: PythonBridgeOptions) {
    this.#o = options;
    this.allowed = options.allowed;
    this.optIn = options.optIn;
  }

  #start(): ChildProcessWithoutNullStreams {
    if (this.#child) return this.#child;
    const env = { ...(this.#o.env ?? process.env) };
    const paths = [...(this.#o.pythonPath ?? []), env.PYTHONPATH].filter(Boolean);
    env.PYTHONPATH = paths.join(':');
    env.PYTHONUNBUFFERED = '1';
    const child = spawn(this.#o.python, [BRIDGE_SCRIPT], {
      cwd: this.#o.cwd ?? process.cwd(),
      env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    child.stderr.on('data', (d: Buffer) => {
      const text = d.toString();
      this.#stderr = (this.#stderr + text).slice(-4000);
      for (const line of text.split('\n').filter(Boolean)) {
        this.#o.logger.debug({ bridge: 'python' }, line);
      }
    });
    createInterface({ input: child.stdout }).on('line', (line) => {
      let message: Record<string, unknown>;
      try {
        message = JSON.parse(line) as Record<string, unknown>;
      } catch {
        this.#o.logger.debug({ bridge: 'python' }, line);
        return;
      }
      const waiting = this.#pending.get(message.id as number);
      if (!waiting) return;
      this.#pending.delete(message.id as number);
      waiting.resolve(message);
    });
    this.#exited = new Promise((resolve) => {
      child.on('error', (e) => {
        this.#failAll(
          new ActionFailedError(`cannot start the Python bridge (${this.#o.python}): ${e.message}`),
        );
        resolve();
      });
      child.on('close', (code) => {
        this.#failAll(
          new ActionFailedError(`the Python bridge exited (code ${code})`, {
            hint: this.#stderr.trim().split('\n').slice(-3).join(' | ') || undefined,
          }),
        );
        this.#child = undefined;
        resolve();
      });
    });
    this.#child = child;
    return child;
  }

  #failAll(error: Error) {
    for (const p of this.#pending.values()) p.reject(error);
    this.#pending.clear();
  }

  #request(body: Record<string, unknown>, signal?: AbortSignal): Promise<Record<string, unknown>> {
    const child = this.#start();
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      signal?.addEventListener(
        'abort',
        () => {
          if (this.#pending.delete(id))
            reject(new InterruptedError('interrupted in the Python bridge'));
        },
        { once: true },
      );
      child.stdin.write(`${JSON.stringify({ id, ...body })}\n`);
    });
  }

  async run(
    activity: Record<string, unknown>,
    context: {
      configuration: ExperimentConfiguration;
      secrets: ExperimentSecrets;
      signal: AbortSignal;
    },
  ): Promise<unknown> {
    const provider = activity.provider as { module?: string; func?: string };
    const target = `${provider.module}.${provider.func}`;
    const stop = await this.#o.stopReason?.();
    if (stop) throw new InterruptedError(`not running ${target} in the Python bridge: ${stop}`);
    const done = this.#o.record?.({ activity: String(activity.name), target });
    this.#o.logger.warn(
      { activity: activity.name, target },
      `running ${target} in the Python bridge, outside Simian's safety gate`,
    );
    try {
      const answer = await this.#request(
        { op: 'run', activity, configuration: context.configuration, secrets: context.secrets },
        context.signal,
      );
      if (typeof answer.error === 'string') throw new ActionFailedError(answer.error);
      done?.('succeeded');
      return answer.output ?? null;
    } catch (e) {
      done?.('failed', (e as Error).message);
      throw e;
    }
  }

  /** Whether each `module.func` imports and its arguments bind, as chaoslib validates them. */
  async check(
    items: Array<{ module: string; func: string; arguments?: Record<string, unknown> }>,
  ): Promise<Array<string | null>> {
    if (items.length === 0) return [];
    const answer = await this.#request({ op: 'check', activities: items });
    return (
      (answer.problems as Array<string | null>) ?? items.map(() => 'no answer from the bridge')
    );
  }

  /**
   * Ends the bridge: stdin closes, so the script waits for its activities and for the threads
   * they started; after `graceMs` it is killed.
   */
  async close(graceMs = 5000): Promise<void> {
    const child = this.#child;
    if (!child) return;
    child.stdin.end();
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await this.#exited;
    clearTimeout(timer);
  }
}
