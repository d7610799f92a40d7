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
import { printJson, printLine } from '../output.js';
import { renderRun } from '../render.js';

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
  program
    .command('plan [monkey...]')
    .description('Show what the monkeys would do now, after the safety gate. Changes nothing.')
    .option('--out <file>', 'also write the gated plan, with a digest, for `simian apply`')
    .option('--seed <n>', 'seed the random choices, to make the plan reproducible')
    .addHelpText(
      'after',
      '\nEvery action the gate holds back is listed with the rule and the reason.\n\nExamples:\n  simian plan\n  simian plan chaos --out plan.json   # review it, then: simian apply plan.json',
    )
    .action(async (names: string[], o: { out?: string; seed?: string }) => {
      const opts = program.opts<GlobalOptions>();
      const ctx = loadContext(opts);
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
          ...(rng ? { rng } : {}),
        });
        if (o.out) writePlanFile(o.out, makePlanFile(result, ctx.config.source.file));
        if (opts.output === 'json') printJson(result);
        else {
          renderRun(result, 'plan');
          if (o.out) printLine(`plan written to ${o.out}; apply it with: simian apply ${o.out}`);
        }
        process.exitCode = result.status === 'failed' ? EXIT.FINDINGS_OR_FAILED : EXIT.OK;
      } finally {
        store.close();
      }
    });
}

export function registerRun(program: Command): void {
  program
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
    .action(async (names: string[], o: { once?: boolean; dryRun?: boolean; seed?: string }) => {
      const opts = program.opts<GlobalOptions>();
      const ctx = loadContext(opts);
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
          ...(o.once ? { once: true } : {}),
          ...(o.dryRun !== undefined ? { dryRun: o.dryRun } : {}),
          ...(rng ? { rng } : {}),
        });
        if (opts.output === 'json') printJson(result);
        else renderRun(result, 'run');
        process.exitCode = exitCodeOf(result);
      } finally {
        dispose();
        store.close();
      }
    });
}
