import { Option, type Command } from 'commander';
import type { RunResult } from '@simian/core';
import { wholeNumber } from '../args.js';
import { loadContext, type GlobalOptions } from '../context.js';
import { addDryRunFlags } from '../dry-run-flags.js';
import { EXIT } from '../exit-codes.js';
import { commandOutput, withOutput } from '../output.js';

/** `--seed`: a whole number, within what a seed keeps exactly. */
export const seedOption = () =>
  new Option('--seed <n>', 'seed the random choices, to make the plan reproducible').argParser(
    wholeNumber(Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER),
  );

async function rngOf(seed: number | undefined) {
  if (seed === undefined) return undefined;
  const { seededRng } = await import('@simian/core');
  return seededRng(seed);
}

/** Exit code of a finished run. */
export function exitCodeOf(result: RunResult): number {
  if (result.status === 'interrupted') return EXIT.INTERRUPTED;
  if (result.status === 'failed') return EXIT.FINDINGS_OR_FAILED;
  const failed = result.monkeys.some((m) => m.outcomes.some((o) => o.status === 'failed'));
  if (failed) return EXIT.FINDINGS_OR_FAILED;
  // A listing failed or a target refused us: what relied on it was not done (docs/cli.md).
  return result.status === 'incomplete' ? EXIT.TARGET : EXIT.OK;
}

interface PlanFlags {
  out?: string;
  seed?: number;
}

export function registerPlan(program: Command): void {
  const plan = program
    .command('plan [monkey...]')
    .description('Show what the monkeys would do now, after the safety gate. Changes nothing.')
    .option('--out <file>', 'also write the gated plan, with a digest, for `simian apply`')
    .addOption(seedOption())
    .addHelpText(
      'after',
      '\nEvery action the gate holds back is listed with the rule and the reason. With a plan key\n($SIMIAN_PLAN_KEY, or a file named by $SIMIAN_PLAN_KEY_FILE), --out signs the plan, and\n`simian apply` with the same key refuses it once edited (docs/safety.md).\n\nExamples:\n  simian plan\n  simian -c simian.yaml plan chaos --out plan.json   # review it, then:\n  simian -c simian.yaml apply plan.json',
    )
    .action(async (names: string[], o: PlanFlags, command: Command) => {
      const out = await commandOutput(command);
      const ctx = await loadContext(program.opts<GlobalOptions>());
      const core = await import('@simian/core');
      // Before the run: a key that is set but unusable, or an --out that cannot be written, is
      // said before any target is read.
      const key = o.out ? core.planKeyFromEnv() : undefined;
      if (o.out) await checkWritable('--out', o.out);
      const store = ctx.openStore();
      const rng = await rngOf(o.seed);
      try {
        const result = await core.runMonkeys({
          config: ctx.config,
          registry: ctx.registry,
          store,
          logger: ctx.logger,
          mode: 'plan',
          monkeys: names,
          reporters: ctx.reporters,
          ...(rng ? { rng } : {}),
        });
        if (o.out)
          core.writePlanFile(
            o.out,
            core.makePlanFile(result, ctx.config.source.file, key ? { key } : {}),
          );
        await out.writeAll({
          kind: 'plan',
          data: result,
          context: ctx.reportContext(),
          ...(o.out
            ? {
                notes: [
                  `plan written to ${o.out}${key ? ' (signed)' : ''}; apply it with: simian -c ${ctx.config.source.file} apply ${o.out}`,
                ],
              }
            : {}),
        });
        process.exitCode = exitCodeOf(result);
      } finally {
        store.close();
        await ctx.flushReporters();
      }
    });
  withOutput(plan, ['plan'], { reporters: true });
}

/** A file a command will write at its end: its folder must exist now, and it must not be one. */
export async function checkWritable(flag: string, path: string): Promise<void> {
  const { accessSync, constants, statSync } = await import('node:fs');
  const { dirname, resolve } = await import('node:path');
  const { SimianError } = await import('@simian/core');
  const file = resolve(path);
  const dir = statSync(dirname(file), { throwIfNoEntry: false });
  if (!dir?.isDirectory())
    throw new SimianError(
      'INPUT_INVALID',
      `${flag} ${path}: the folder ${dirname(file)} does not exist`,
    );
  if (statSync(file, { throwIfNoEntry: false })?.isDirectory())
    throw new SimianError('INPUT_INVALID', `${flag} ${path} is a directory, not a file`);
  try {
    accessSync(dirname(file), constants.W_OK);
  } catch {
    throw new SimianError(
      'INPUT_INVALID',
      `${flag} ${path}: the folder ${dirname(file)} is not writable`,
    );
  }
}

interface RunFlags {
  once?: boolean;
  dryRun?: boolean;
  seed?: number;
}

export function registerRun(program: Command): void {
  const run = program
    .command('run [monkey...]')
    .description(
      'Plan, gate and act. Destructive monkeys stay in dry-run until the config or --no-dry-run says otherwise.',
    )
    .option(
      '--once',
      'run only the monkeys that have a schedule slot due now (for a Kubernetes CronJob)',
    )
    .addOption(seedOption())
    .addHelpText(
      'after',
      '\nSIGINT/SIGTERM stop the run between actions and roll back reversible faults; a second signal\nexits at once.\n\nExamples:\n  simian run                 # every enabled monkey, now\n  simian run chaos --once    # in a CronJob: only if a slot of its schedule is due',
    )
    .action(async (names: string[], o: RunFlags, command: Command) => {
      const out = await commandOutput(command);
      const ctx = await loadContext(program.opts<GlobalOptions>());
      ctx.addReporters(out.live(ctx.liveContext));
      ctx.addRunSinks();
      const { abortOnSignals, runMonkeys } = await import('@simian/core');
      const store = ctx.openStore();
      const rng = await rngOf(o.seed);
      const { signal, dispose } = abortOnSignals();
      try {
        const result = await runMonkeys({
          config: ctx.config,
          registry: ctx.registry,
          store,
          logger: ctx.logger,
          mode: 'run',
          monkeys: names,
          signal,
          reporters: ctx.reporters,
          ...(o.once ? { once: true } : {}),
          ...(o.dryRun !== undefined ? { dryRun: o.dryRun } : {}),
          ...(rng ? { rng } : {}),
        });
        await out.writeAll({ kind: 'run', data: result, context: ctx.reportContext() });
        process.exitCode = exitCodeOf(result);
      } finally {
        dispose();
        store.close();
        await ctx.flushReporters();
      }
    });
  addDryRunFlags(run, {
    dryRun: 'force dry-run for every monkey',
    noDryRun: 'act for real, overriding the config (the kill switch still wins)',
  });
  withOutput(run, ['run'], { reporters: true, events: true });
}
