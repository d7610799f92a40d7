import type { Command } from 'commander';
import type { ScopeDiagnosis } from '@simian/core';
import { loadContext, type GlobalOptions } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { commandOutput, withOutput } from '../output.js';

export function registerDoctor(program: Command): void {
  const doctor = program
    .command('doctor [monkey...]')
    .description(
      'Check that every context and region is reachable and that the identity has the permissions the enabled monkeys need.',
    )
    .addHelpText(
      'after',
      '\nPermissions are checked with SelfSubjectAccessReview (Kubernetes) and IAM policy simulation\n(AWS, "unknown" where simulation is not allowed). What is missing is printed as the ClusterRole\nor IAM policy that would grant it. Exit 3 when something is unreachable or missing.\n\nExample:\n  simian doctor chaos',
    )
    .action(async (names: string[], _o: unknown, command: Command) => {
      const out = await commandOutput(command);
      const ctx = await loadContext(program.opts<GlobalOptions>());
      const { buildProviders } = await import('@simian/core');
      const { enabledMonkeys, permissionsNeeded } = await import('../permissions.js');
      const { diagnoseAws } = await import('@simian/provider-aws');
      const { diagnoseKubernetes } = await import('@simian/provider-kubernetes');
      const monkeys = enabledMonkeys(ctx.registry, ctx.config, names);
      const needed = permissionsNeeded(ctx.registry, monkeys);
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

  const rbac = program
    .command('rbac [monkey...]')
    .description(
      'Print the least-privilege ClusterRole and IAM policy for the enabled (or named) monkeys.',
    )
    .addHelpText(
      'after',
      "\nRead from the providers' own registries of kinds and verbs, so it cannot drift from the code.\n\nExample:\n  simian rbac chaos > deploy/kubernetes/rbac-chaos.yaml   # the ClusterRole; -o json has the IAM policy too",
    )
    .action(async (names: string[], _o: unknown, command: Command) => {
      const out = await commandOutput(command);
      const ctx = await loadContext(program.opts<GlobalOptions>());
      const { enabledMonkeys, permissionsNeeded } = await import('../permissions.js');
      const { iamPolicyFor } = await import('@simian/provider-aws');
      const { renderClusterRole } = await import('@simian/provider-kubernetes');
      const monkeys = enabledMonkeys(ctx.registry, ctx.config, names);
      const needed = permissionsNeeded(ctx.registry, monkeys);
      const name = `simian-${monkeys.map((m) => m.name).join('-') || 'none'}`;
      const k8s = needed.get('kubernetes');
      const aws = needed.get('aws');
      out.write({
        kind: 'permissions',
        data: {
          ...(k8s
            ? { kubernetes: { permissions: k8s, clusterRole: renderClusterRole(name, k8s) } }
            : {}),
          ...(aws ? { aws: { permissions: aws, iamPolicy: iamPolicyFor(aws) } } : {}),
        },
      });
    });
  withOutput(rbac, ['permissions']);
}
