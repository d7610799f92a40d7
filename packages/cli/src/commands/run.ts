import { Option, type Command } from 'commander';
import {
  abortOnSignals,
  makePlanFile,
  runMonkeys,
  seededRng,
  SimianError,
  writePlanFile,
  type RunResult,
} from '@simian/core';
import { loadContext, type GlobalOptions } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { commandOutput, withOutput } from '../output.js';

export function parseSeed(seed: string | undefined) {
  if (seed === undefined) return undefined;
  const n = Number(seed);
  if (!Number.isInteger(n))
    throw new SimianError(
      'INPUT_INVALID',
      `--seed must be a whole number, but "${seed}" was given`,
    );
  return seededRng(n);
}

/** Exit code of a finished run. */
export function exitCodeOf(result: RunResult): number {
  if (result.status === 'interrupted') return EXIT.INTERRUPTED;
  if (result.status === 'failed') return EXIT.FINDINGS_OR_FAILED;
  const failed = result.monkeys.some((m) => m.outcomes.some((o) => o.status === 'failed'));
  return failed ? EXIT.FINDINGS_OR_FAILED : EXIT.OK;
}

export function registerPlan(program: Command): void {
  const plan = program
    .command('plan [monkey...]')
    .description('Show what the monkeys would do now, after the safety gate. Changes nothing.')
    .option('--out <file>', 'also write the gated plan, with a digest, for `simian apply`')
    .option('--seed <n>', 'seed the random choices, to make the plan reproducible')
    .addHelpText(
      'after',
      '\nEvery action the gate holds back is listed with the rule and the reason.\n\nExamples:\n  simian plan\n  simian plan chaos --out plan.json   # review it, then: simian apply plan.json',
    )
    .action(async (names: string[], o: PlanFlags, command: Command) => {
      const out = commandOutput(command);
      const ctx = loadContext(program.opts<GlobalOptions>());
      const store = ctx.openStore();
      const rng = parseSeed(o.seed);
      try {
        const result = await runMonkeys({
          config: ctx.config,
          registry: ctx.registry,
          store,
          logger: ctx.logger,
          mode: 'plan',
          monkeys: names,
          reporters: ctx.reporters,
          ...(rng ? { rng } : {}),
        });
        if (o.out) writePlanFile(o.out, makePlanFile(result, ctx.config.source.file));
        await out.writeAll({
          kind: 'plan',
          data: result,
          context: ctx.reportContext(),
          ...(o.out
            ? { notes: [`plan written to ${o.out}; apply it with: simian apply ${o.out}`] }
            : {}),
        });
        process.exitCode = result.status === 'failed' ? EXIT.FINDINGS_OR_FAILED : EXIT.OK;
      } finally {
        store.close();
        await ctx.flushReporters();
      }
    });
  withOutput(plan, ['plan'], { reporters: true });
}

interface PlanFlags {
  out?: string;
  seed?: string;
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
    .addOption(new Option('--dry-run', 'force dry-run for every monkey'))
    .addOption(
      new Option(
        '--no-dry-run',
        'act for real, overriding the config (the kill switch still wins)',
      ),
    )
    .option('--seed <n>', 'seed the random choices')
    .addHelpText(
      'after',
      '\nSIGINT/SIGTERM stop the run between actions and roll back reversible faults; a second signal\nexits at once.\n\nExamples:\n  simian run                 # every enabled monkey, now\n  simian run chaos --once    # in a CronJob: only if a slot of its schedule is due',
    )
    .action(async (names: string[], o: RunFlags, command: Command) => {
      const out = commandOutput(command);
      const ctx = loadContext(program.opts<GlobalOptions>());
      ctx.addReporters(out.live(ctx.liveContext));
      ctx.addRunSinks();
      const store = ctx.openStore();
      const rng = parseSeed(o.seed);
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
  withOutput(run, ['run'], { reporters: true, events: true });
}

interface RunFlags {
  once?: boolean;
  dryRun?: boolean;
  seed?: string;
}
