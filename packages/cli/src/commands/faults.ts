import type { Command } from 'commander';
import type { FaultRecord, RunResult } from '@simian/core';
import { loadContext, type GlobalOptions } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { commandOutput, withOutput } from '../output.js';

export function registerFaults(program: Command): void {
  const faults = program
    .command('faults')
    .description(
      'Active faults (latency, deny policies, ...) as the objects themselves record them: list them, or clear them now.',
    )
    .addHelpText(
      'after',
      '\nEvery fault Simian injects carries its expiry and the run that put it there on the object\nit changed (faults.simian.dev/*). A run removes its own faults when it ends, fails or is\ninterrupted; the reaper at the start of every run and daemon tick removes expired ones left\nby a process that died; `faults clear` removes them now.\n\nExamples:\n  simian faults list\n  simian faults clear --all          # the big red button\n  simian faults clear k8s:prod/shop/NetworkPolicy/simian-deny-web',
    );

  const list = faults
    .command('list')
    .description('Every active fault in the configured targets, with its expiry and owner run.')
    .action(async (_o: unknown, command: Command) => {
      const out = await commandOutput(command);
      const opts = program.opts<GlobalOptions>();
      const ctx = await loadContext(opts);
      const { listFaults, RunSession } = await import('@simian/core');
      const store = ctx.openStore();
      const session = new RunSession({
        kind: 'faults',
        config: ctx.config,
        registry: ctx.registry,
        store,
        logger: ctx.logger,
      });
      try {
        const { found, unlisted } = await listFaults(session);
        out.write({
          kind: 'faults',
          data: { at: session.now.toISOString(), faults: found, unlisted },
        });
        process.exitCode = unlisted.length > 0 ? EXIT.TARGET : EXIT.OK;
      } finally {
        await Promise.all(session.providers.map(async (p) => p.close?.()));
        store.close();
      }
    });
  withOutput(list, ['faults']);

  const clear = faults
    .command('clear [ref...]')
    .description('Remove faults now: the ones named, every expired one, or every one (--all).')
    .option('--all', 'every active fault, whoever injected it and however long it had left')
    .option('--expired', 'only faults whose expiry has passed (what the reaper does)')
    .action(async (refs: string[], o: { all?: boolean; expired?: boolean }, command: Command) => {
      const out = await commandOutput(command);
      const opts = program.opts<GlobalOptions>();
      const { abortOnSignals, RunSession, SimianError } = await import('@simian/core');
      const chosen = [refs.length > 0, o.all === true, o.expired === true].filter(Boolean).length;
      if (chosen !== 1) {
        throw new SimianError(
          'INPUT_INVALID',
          'say which faults to clear: name them (REF...), or pass --expired or --all',
          { hint: 'simian faults list shows every active fault and its ref' },
        );
      }
      const ctx = await loadContext(opts);
      const store = ctx.openStore();
      const { signal, dispose } = abortOnSignals();
      const session = new RunSession({
        kind: 'faults',
        config: ctx.config,
        registry: ctx.registry,
        store,
        logger: ctx.logger,
        signal,
      });
      try {
        await session.open(['reaper'], false);
        const which = o.all
          ? 'all'
          : o.expired
            ? 'expired'
            : (f: FaultRecord) => refs.includes(f.ref);
        const reaped = await session.reap({ which });
        const missing = refs.filter((r) => !reaped.found.some((f) => f.ref === r));
        const failed = reaped.removed.filter((r) => r.status !== 'succeeded');
        const result: RunResult = {
          runId: session.runId,
          status: failed.length > 0 ? 'failed' : 'completed',
          dryRun: false,
          startedAt: session.now.toISOString(),
          endedAt: session.now.toISOString(),
          monkeys: [],
          incomplete: [],
        };
        await session.close(result);
        out.write({
          kind: 'faults-cleared',
          data: {
            at: session.now.toISOString(),
            runId: session.runId,
            faults: reaped.found,
            removed: reaped.removed,
            unlisted: reaped.unlisted,
            missing,
          },
        });
        process.exitCode =
          failed.length > 0 || missing.length > 0
            ? EXIT.FINDINGS_OR_FAILED
            : reaped.unlisted.length > 0
              ? EXIT.TARGET
              : EXIT.OK;
      } finally {
        dispose();
        store.close();
      }
    });
  withOutput(clear, ['faults-cleared']);
}
