import type { Command } from 'commander';
import { addDryRunFlags } from '../dry-run-flags.js';
import { loadContext, type GlobalOptions } from '../context.js';
import { commandOutput, withOutput } from '../output.js';
import { exitCodeOf } from './run.js';

export function registerApply(program: Command): void {
  const apply = program
    .command('apply <plan>')
    .description(
      'Carry out exactly the actions of a plan file made by `simian plan --out`, each verified again.',
    )
    .addHelpText(
      'after',
      '\nRefuses a plan that was altered after it was written or is older than safety.planMaxAge; with\na plan key ($SIMIAN_PLAN_KEY or $SIMIAN_PLAN_KEY_FILE), also one not signed by that key.\nEach action is judged by the safety gate again and its resource read again; one that is gone,\nchanged, opted out or no longer breaks its rule is skipped with the reason.\n\nExample:\n  simian -c simian.yaml plan chaos --out plan.json && less plan.json\n  simian -c simian.yaml apply plan.json --no-dry-run',
    )
    .action(async (file: string, o: { dryRun?: boolean }, command: Command) => {
      const out = await commandOutput(command);
      const ctx = await loadContext(program.opts<GlobalOptions>());
      // Registered with the registry, through which the engine finds a run's reporters.
      ctx.addReporters(out.live(ctx.liveContext));
      ctx.addRunSinks();
      const { abortOnSignals, applyPlanFile, planKeyFromEnv, readPlanFile } =
        await import('@simian/core');
      const key = planKeyFromEnv();
      const plan = readPlanFile(file, ctx.config.safety.planMaxAge, key ? { key } : {});
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
  addDryRunFlags(apply, {
    dryRun: 'force dry-run',
    noDryRun: 'act for real, overriding the config',
  });
  withOutput(apply, ['apply'], { reporters: true, events: true });
}
