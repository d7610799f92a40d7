import type { Command } from 'commander';
import type { ScopeDiagnosis } from '@simian/core';
import { loadContext, type GlobalOptions } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { commandOutput, withOutput } from '../output.js';
import { parseLeaseFlag, registerRbac } from './rbac.js';

export function registerDoctor(program: Command): void {
  const doctor = program
    .command('doctor [monkey...]')
    .description(
      'Check that every context and region is reachable and that the identity has the permissions the enabled monkeys need.',
    )
    .option('--lease <namespace/name>', "also check the daemon's Lease (simian daemon --lease)")
    .addHelpText(
      'after',
      '\nPermissions are checked with SelfSubjectAccessReview (Kubernetes) and IAM policy simulation\n(AWS, "unknown" where simulation is not allowed). What is missing is printed as the ClusterRole\nor IAM policy that would grant it. Exit 3 when something is unreachable or missing.\n\nExample:\n  simian doctor chaos',
    )
    .action(async (names: string[], o: { lease?: string }, command: Command) => {
      const out = await commandOutput(command);
      const lease = await parseLeaseFlag(o.lease);
      const ctx = await loadContext(program.opts<GlobalOptions>());
      const { buildProviders } = await import('@simian/core');
      const { enabledMonkeys, mergePermissions, permissionsNeeded, runtimePermissions } =
        await import('../permissions.js');
      const { diagnoseAws } = await import('@simian/provider-aws');
      const { diagnoseKubernetes } = await import('@simian/provider-kubernetes');
      const monkeys = enabledMonkeys(ctx.registry, ctx.config, names);
      // The monkeys' own needs under their config, and what every run needs: kill switches,
      // report objects, and the daemon's Lease when asked.
      const needed = mergePermissions(
        permissionsNeeded(ctx.registry, monkeys, ctx.config),
        runtimePermissions(ctx.registry, ctx.config, lease ? { lease } : {}),
      );
      const providers = buildProviders(ctx.config, ctx.registry, ctx.logger);
      const report: Record<string, ScopeDiagnosis[]> = {};
      try {
        for (const p of providers) {
          const perms = needed.get(p.name) ?? [];
          report[p.name] =
            p.name === 'kubernetes'
              ? await diagnoseKubernetes(p, perms)
              : p.name === 'aws'
                ? await diagnoseAws(p, perms)
                : [];
        }
      } finally {
        await Promise.all(providers.map(async (p) => p.close?.()));
      }
      const healthy = Object.values(report)
        .flat()
        .every((d) => d.reachable && d.missing.length === 0);
      out.write({
        kind: 'doctor',
        data: { monkeys: monkeys.map((m) => m.name), healthy, providers: report },
      });
      process.exitCode = healthy ? EXIT.OK : EXIT.TARGET;
    });
  withOutput(doctor, ['doctor']);

  registerRbac(program);
}
