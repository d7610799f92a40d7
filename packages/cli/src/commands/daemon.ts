import { Option, type Command } from 'commander';
import { resolve } from 'node:path';
import type { LeaderLock, Provider } from '@simian/core';
import { wholeNumber } from '../args.js';
import { loadContext, type GlobalOptions } from '../context.js';

interface DaemonFlags {
  lockFile: string;
  lease?: string;
  leaseContext?: string;
  leaseDuration: number;
  dryRun?: boolean;
  listen?: string;
}

/** `--lease ns/name`: a Lease in a context of targets.kubernetes; else the local lock file. */
async function leaderLock(
  flags: DaemonFlags,
  configDir: string,
  providers: Provider[],
): Promise<LeaderLock> {
  const { FileLeaderLock, SimianError } = await import('@simian/core');
  if (!flags.lease) return new FileLeaderLock(resolve(configDir, flags.lockFile));
  const [namespace, name, ...rest] = flags.lease.split('/');
  if (!namespace || !name || rest.length > 0) {
    throw new SimianError('INPUT_INVALID', `--lease "${flags.lease}" is not namespace/name`, {
      hint: 'e.g. --lease simian-system/simian-daemon',
    });
  }
  const { KubernetesProvider } = await import('@simian/provider-kubernetes');
  const kubernetes = providers.find(
    (p): p is InstanceType<typeof KubernetesProvider> => p instanceof KubernetesProvider,
  );
  if (!kubernetes) {
    throw new SimianError(
      'INPUT_INVALID',
      '--lease needs a Kubernetes target to keep the Lease in',
      {
        hint: 'add targets.kubernetes to simian.yaml, or use --lock-file',
      },
    );
  }
  const scopes = kubernetes.scopes();
  const scope = flags.leaseContext ?? scopes[0]!;
  if (!scopes.includes(scope)) {
    throw new SimianError('INPUT_INVALID', `--lease-context "${scope}" is not configured`, {
      hint: `configured contexts: ${scopes.join(', ')}`,
    });
  }
  return kubernetes.leaseLock(scope, {
    namespace,
    name,
    leaseDurationSeconds: flags.leaseDuration,
  });
}

export function registerDaemon(program: Command): void {
  program
    .command('daemon')
    .description(
      'Keep every enabled monkey on its schedule, acting while this replica holds the lock.',
    )
    .option(
      '--lock-file <path>',
      'local lock file, so one process on this machine acts at a time',
      '.simian/daemon.lock',
    )
    .option(
      '--lease <namespace/name>',
      'a Kubernetes Lease instead, so one replica in the cluster acts at a time',
    )
    .option(
      '--lease-context <context>',
      'the context of targets.kubernetes that keeps the Lease (default: the first)',
    )
    .option(
      '--lease-duration <seconds>',
      'how long an unrenewed Lease stays held (2 to 3600)',
      wholeNumber(2, 3600),
      30,
    )
    .option(
      '--listen <host:port>',
      'serve /metrics and the latest HTML report at / here (default: reporting.metrics.listen, when reporting.metrics is set)',
    )
    .addOption(new Option('--dry-run', 'force dry-run'))
    .addOption(new Option('--no-dry-run', 'act for real, overriding the config'))
    .addHelpText(
      'after',
      `
SIGINT/SIGTERM end the daemon after rolling back any reversible fault in flight.
With --lease, replicas that do not hold the Lease stand by and take over once the holder
has not renewed it for --lease-duration seconds (it renews every third of that while it
waits). Its identity is $POD_NAME, else host-pid-random. It needs get, create and update
on leases.coordination.k8s.io in that namespace.
For a Kubernetes CronJob per monkey, prefer \`simian run MONKEY --once\`.

Example:
  simian daemon --lease simian-system/simian-daemon`,
    )
    .action(async (flags: DaemonFlags) => {
      const opts = program.opts<GlobalOptions>();
      const ctx = await loadContext(opts);
      const { abortOnSignals, buildProviders, runDaemon } = await import('@simian/core');
      const providers = flags.lease ? buildProviders(ctx.config, ctx.registry, ctx.logger) : [];
      const lock = await leaderLock(flags, ctx.config.source.dir, providers);
      const store = ctx.openStore();
      const { metrics } = ctx.addRunSinks({ serve: true });
      const listen = flags.listen ?? ctx.config.reporting.metrics?.listen;
      if (listen !== undefined && !metrics) {
        const { SimianError } = await import('@simian/core');
        throw new SimianError(
          'INPUT_INVALID',
          '--listen serves the metrics: add reporting.metrics to simian.yaml',
          {
            hint: 'reporting: { metrics: {} } is enough',
          },
        );
      }
      const { serveDaemonPages } = await import('../metrics-server.js');
      const { complianceFromStore, complianceHtml } = await import('@simian/reporting');
      const { ruleCatalogue } = await import('../catalogue.js');
      const currentState = () =>
        complianceFromStore(store, {
          rules: ruleCatalogue(),
          mutes: ctx.config.reporting.mutes,
        }).report;
      // The findings, scores and janitor figures of the store from the start: a restarted daemon
      // must not serve none until its next slot (a day away for a daily schedule).
      if (metrics) {
        const report = currentState();
        if (report) metrics.metrics.state(report);
      }
      const pages =
        metrics && listen !== undefined
          ? await serveDaemonPages(
              listen,
              {
                metrics: metrics.metrics,
                report: () => {
                  const report = currentState();
                  return report && complianceHtml(report);
                },
              },
              ctx.logger,
            )
          : undefined;
      const { signal, dispose } = abortOnSignals();
      try {
        ctx.logger.info({ lock: lock.description }, 'daemon starting');
        await runDaemon({
          config: ctx.config,
          registry: ctx.registry,
          store,
          logger: ctx.logger,
          lock,
          signal,
          ...(flags.dryRun !== undefined ? { dryRun: flags.dryRun } : {}),
        });
      } finally {
        dispose();
        await pages?.close();
        store.close();
        await Promise.all(providers.map(async (p) => p.close?.()));
        await ctx.flushReporters();
      }
    });
}
