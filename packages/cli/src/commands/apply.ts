import { Option, type Command } from 'commander';
import { abortOnSignals, applyPlanFile, readPlanFile } from '@simian/core';
import { loadContext, type GlobalOptions } from '../context.js';
import { commandOutput, withOutput } from '../output.js';
import { exitCodeOf } from './run.js';

export function registerApply(program: Command): void {
  const apply = program
    .command('apply <plan>')
    .description(
      'Carry out exactly the actions of a plan file made by `simian plan --out`, each verified again.',
    )
    .addOption(new Option('--dry-run', 'force dry-run'))
    .addOption(new Option('--no-dry-run', 'act for real, overriding the config'))
    .addHelpText(
      'after',
      '\nRefuses a plan that was altered after it was written or is older than safety.planMaxAge.\nEach action is judged by the safety gate again and its resource read again; one that is gone,\nchanged, opted out or no longer breaks its rule is skipped with the reason.\n\nExample:\n  simian plan janitor --out plan.json && less plan.json && simian apply plan.json --no-dry-run',
    )
    .action(async (file: string, o: { dryRun?: boolean }, command: Command) => {
      const out = commandOutput(command);
      const ctx = loadContext(program.opts<GlobalOptions>());
      // Registered with the registry, through which the engine finds a run's reporters.
      ctx.addReporters(out.live(ctx.liveContext));
      ctx.addRunSinks();
      const plan = readPlanFile(file, ctx.config.safety.planMaxAge);
      const store = ctx.openStore();
      const { signal, dispose } = abortOnSignals();
      try {
        const result = await applyPlanFile({
          plan,
          config: ctx.config,
          registry: ctx.registry,
          store,
          logger: ctx.logger,
          signal,
          ...(o.dryRun !== undefined ? { dryRun: o.dryRun } : {}),
        });
        await out.writeAll({ kind: 'apply', data: result, context: ctx.reportContext() });
        process.exitCode = exitCodeOf(result);
      } finally {
        dispose();
        store.close();
        await ctx.flushReporters();
      }
    });
  withOutput(apply, ['apply'], { reporters: true, events: true });
}
