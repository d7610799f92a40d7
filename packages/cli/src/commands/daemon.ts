import { Option, type Command } from 'commander';
import { resolve } from 'node:path';
import { abortOnSignals, FileLeaderLock, runDaemon } from '@simian/core';
import { loadContext, type GlobalOptions } from '../context.js';

export function registerDaemon(program: Command): void {
  program
    .command('daemon')
    .description(
      'Keep every enabled monkey on its schedule, acting while this replica holds the lock.',
    )
    .option(
      '--lock-file <path>',
      'local lock file, so one process acts at a time',
      '.simian/daemon.lock',
    )
    .addOption(new Option('--dry-run', 'force dry-run'))
    .addOption(new Option('--no-dry-run', 'act for real, overriding the config'))
    .addHelpText(
      'after',
      '\nSIGINT/SIGTERM end the daemon after rolling back any reversible fault in flight.\nFor a Kubernetes CronJob per monkey, prefer `simian run MONKEY --once`.',
    )
    .action(async (o: { lockFile: string; dryRun?: boolean }) => {
      const opts = program.opts<GlobalOptions>();
      const ctx = loadContext(opts);
      const store = ctx.openStore();
      const { signal, dispose } = abortOnSignals();
      try {
        await runDaemon({
          config: ctx.config,
          registry: ctx.registry,
          store,
          logger: ctx.logger,
          lock: new FileLeaderLock(resolve(ctx.config.source.dir, o.lockFile)),
          signal,
          ...(o.dryRun !== undefined ? { dryRun: o.dryRun } : {}),
        });
      } finally {
        dispose();
        store.close();
      }
    });
}
