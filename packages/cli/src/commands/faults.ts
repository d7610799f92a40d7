import type { Command } from 'commander';
import {
  abortOnSignals,
  formatDuration,
  isExpired,
  listFaults,
  RunSession,
  SimianError,
  type FaultRecord,
  type RunResult,
} from '@simian/core';
import { loadContext, type GlobalOptions } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { printJson, printLine, printTable } from '../output.js';

/** `in 4m` or `4m ago`, from `now`. */
function until(fault: FaultRecord, now: Date): string {
  if (!fault.expiresAtMs) return 'unreadable expiry';
  const ms = fault.expiresAtMs - now.getTime();
  return ms > 0 ? `in ${formatDuration(ms)}` : `${formatDuration(-ms)} ago`;
}

function faultRows(faults: FaultRecord[], now: Date): string[][] {
  return faults.map((f) => [
    f.ref,
    f.monkey,
    f.runId,
    f.expiresAt,
    isExpired(f, now) ? `EXPIRED ${until(f, now)}` : `expires ${until(f, now)}`,
  ]);
}

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

  faults
    .command('list')
    .description('Every active fault in the configured targets, with its expiry and owner run.')
    .action(async () => {
      const opts = program.opts<GlobalOptions>();
      const ctx = loadContext(opts);
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
        if (opts.output === 'json') printJson({ faults: found, unlisted });
        else {
          printTable(
            ['fault on', 'monkey', 'run', 'expires at', 'state'],
            faultRows(found, session.now),
          );
          for (const u of unlisted) {
            printLine(`could not list the faults of ${u.provider} ${u.scope}: ${u.error}`);
          }
        }
        process.exitCode = unlisted.length > 0 ? EXIT.TARGET : EXIT.OK;
      } finally {
        await Promise.all(session.providers.map(async (p) => p.close?.()));
        store.close();
      }
    });

  faults
    .command('clear [ref...]')
    .description('Remove faults now: the ones named, every expired one, or every one (--all).')
    .option('--all', 'every active fault, whoever injected it and however long it had left')
    .option('--expired', 'only faults whose expiry has passed (what the reaper does)')
    .action(async (refs: string[], o: { all?: boolean; expired?: boolean }) => {
      const opts = program.opts<GlobalOptions>();
      const chosen = [refs.length > 0, o.all === true, o.expired === true].filter(Boolean).length;
      if (chosen !== 1) {
        throw new SimianError(
          'INPUT_INVALID',
          'say which faults to clear: name them (REF...), or pass --expired or --all',
          { hint: 'simian faults list shows every active fault and its ref' },
        );
      }
      const ctx = loadContext(opts);
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
        if (opts.output === 'json') printJson({ ...reaped, missing });
        else {
          printTable(
            ['status', 'fault on', 'detail'],
            reaped.removed.map((r) => [
              r.status,
              r.action.resource.ref,
              r.reason ?? r.action.reason,
            ]),
          );
          for (const ref of missing) printLine(`no active fault on ${ref}`);
          for (const u of reaped.unlisted) {
            printLine(`could not list the faults of ${u.provider} ${u.scope}: ${u.error}`);
          }
          printLine(
            `\nrun ${session.runId}: removed ${reaped.removed.length - failed.length} fault(s)${failed.length ? `, ${failed.length} failed` : ''}`,
          );
        }
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
}
