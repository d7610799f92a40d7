import { InterruptedError } from '@simian/core';
import type { Safeguard } from './controls.js';
import { executeActivity, type ExecutionContext } from './execute-activity.js';
import { runToleranceProbe } from './hypothesis.js';
import { pause } from './pause.js';
import type { Tolerance } from './schema.js';
import { withinTolerance } from './tolerance.js';

/**
 * chaostoolkit-addons' safeguards control, natively (`chaosaddons.controls.safeguards`): probes
 * without `background` or `frequency` run before the experiment and block it until they end;
 * `background: true` ones run once beside it; `frequency: N` ones run every N seconds until it
 * ends. The first probe that fails or is out of its tolerance interrupts the run at once (status
 * `interrupted`, rollbacks per the strategy), as chaosaddons does.
 */
export class SafeguardWatch {
  readonly #guards: Safeguard[];
  readonly #context: ExecutionContext;
  readonly #trip: (reason: InterruptedError) => void;
  readonly #stop = new AbortController();
  readonly #running: Array<Promise<void>> = [];

  constructor(
    guards: Safeguard[],
    context: ExecutionContext,
    trip: (reason: InterruptedError) => void,
  ) {
    this.#guards = guards;
    this.#context = { ...context, signal: AbortSignal.any([context.signal, this.#stop.signal]) };
    this.#trip = trip;
  }

  /** Runs the blocking safeguards, then starts the others; false when one tripped. */
  async start(): Promise<boolean> {
    const now = this.#guards.filter((g) => !g.probe.frequency && !g.probe.background);
    const results = await Promise.all(now.map((g) => this.#check(g)));
    if (results.includes(false)) return false;
    for (const guard of this.#guards) {
      if (guard.probe.frequency) this.#running.push(this.#repeat(guard, guard.probe.frequency));
      else if (guard.probe.background) this.#running.push(this.#check(guard).then(() => undefined));
    }
    return true;
  }

  /** Stops the repeating safeguards and waits for those still running. */
  async stop(): Promise<void> {
    this.#stop.abort();
    await Promise.all(this.#running);
  }

  async #repeat(guard: Safeguard, every: number): Promise<void> {
    while (!this.#context.signal.aborted) {
      if (!(await this.#check(guard))) return;
      try {
        await pause(every, this.#context.signal);
      } catch {
        return;
      }
    }
  }

  async #check(guard: Safeguard): Promise<boolean> {
    const { probe } = guard;
    const run = await executeActivity(probe, this.#context, undefined, {
      hasTolerance: true,
    }).catch(() => undefined);
    if (this.#stop.signal.aborted || run === undefined) return true;
    const ok =
      run.status === 'succeeded' &&
      (probe.tolerance === undefined ||
        (await withinTolerance(probe.tolerance as Tolerance, run.output, {
          configuration: this.#context.configuration,
          secrets: this.#context.secrets,
          runProbe: (p) => runToleranceProbe(p, this.#context),
        })));
    if (ok) return true;
    const why =
      run.status === 'failed'
        ? `failed: ${run.exception?.join('').trim() ?? 'no reason given'}`
        : 'is out of its tolerance';
    this.#context.logger.error(
      { safeguard: probe.name },
      `Safeguard "${probe.name}" ${why}: the experiment is interrupted`,
    );
    this.#trip(new InterruptedError(`safeguard "${probe.name}" ${why}`));
    return false;
  }
}
