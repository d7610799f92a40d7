import type { Command } from 'commander';
import { buildProviders } from '@simian/core';
import { diagnoseAws, iamPolicyFor } from '@simian/provider-aws';
import { diagnoseKubernetes, renderClusterRole } from '@simian/provider-kubernetes';
import { loadContext, type GlobalOptions } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { printJson, printLine } from '../output.js';
import { enabledMonkeys, permissionsNeeded } from '../permissions.js';

export function registerDoctor(program: Command): void {
  program
    .command('doctor [monkey...]')
    .description(
      'Check that every context and region is reachable and that the identity has the permissions the enabled monkeys need.',
    )
    .addHelpText(
      'after',
      '\nPermissions are checked with SelfSubjectAccessReview (Kubernetes) and IAM policy simulation\n(AWS, "unknown" where simulation is not allowed). What is missing is printed as the ClusterRole\nor IAM policy that would grant it. Exit 3 when something is unreachable or missing.\n\nExample:\n  simian doctor chaos',
    )
    .action(async (names: string[]) => {
      const opts = program.opts<GlobalOptions>();
      const ctx = loadContext(opts);
      const monkeys = enabledMonkeys(ctx.registry, ctx.config, names);
      const needed = permissionsNeeded(ctx.registry, monkeys);
      const providers = buildProviders(ctx.config, ctx.registry, ctx.logger);
      const report: Record<string, unknown[]> = {};
      let healthy = true;
      try {
        for (const p of providers) {
          const perms = needed.get(p.name) ?? [];
          const diagnoses =
            p.name === 'kubernetes'
              ? await diagnoseKubernetes(p, perms)
              : p.name === 'aws'
                ? await diagnoseAws(p, perms)
                : [];
          report[p.name] = diagnoses;
          for (const d of diagnoses) {
            if (!d.reachable || d.missing.length > 0) healthy = false;
            if (opts.output === 'json') continue;
            printLine(
              `\n${p.name} ${d.scope}: ${d.reachable ? 'reachable' : 'UNREACHABLE'}${d.identity ? ` as ${d.identity}` : ''}${d.detail ? ` (${d.detail})` : ''}`,
            );
            const unknown = d.checks.filter((c) => c.allowed === 'unknown').length;
            printLine(
              `  ${d.checks.length - d.missing.length - unknown} of ${d.checks.length} permissions granted${d.missing.length ? `, ${d.missing.length} missing` : ''}${unknown ? `, ${unknown} unknown` : ''}`,
            );
            for (const c of d.checks.filter((x) => x.allowed !== true)) {
              printLine(
                `  ${c.allowed === false ? 'missing' : 'unknown'}: ${describe(c.permission)}${c.detail ? ` (${c.detail})` : ''}`,
              );
            }
            if (d.grant) printLine(`  grant it with:\n${d.grant.replace(/^/gm, '    ')}`);
          }
        }
      } finally {
        await Promise.all(providers.map(async (p) => p.close?.()));
      }
      if (providers.length === 0 && opts.output !== 'json')
        printLine(
          'no targets are configured: add targets.kubernetes or targets.aws to simian.yaml',
        );
      if (opts.output === 'json')
        printJson({ monkeys: monkeys.map((m) => m.name), healthy, providers: report });
      else
        printLine(
          `\n${healthy ? 'ok' : 'problems found'} for monkeys: ${monkeys.map((m) => m.name).join(', ') || 'none enabled'}`,
        );
      process.exitCode = healthy ? EXIT.OK : EXIT.TARGET;
    });

  program
    .command('rbac [monkey...]')
    .description(
      'Print the least-privilege ClusterRole and IAM policy for the enabled (or named) monkeys.',
    )
    .addHelpText(
      'after',
      "\nRead from the providers' own registries of kinds and verbs, so it cannot drift from the code.\n\nExample:\n  simian rbac chaos > deploy/kubernetes/rbac-chaos.yaml",
    )
    .action((names: string[]) => {
      const opts = program.opts<GlobalOptions>();
      const ctx = loadContext(opts);
      const monkeys = enabledMonkeys(ctx.registry, ctx.config, names);
      const needed = permissionsNeeded(ctx.registry, monkeys);
      const name = `simian-${monkeys.map((m) => m.name).join('-') || 'none'}`;
      const k8s = needed.get('kubernetes');
      const aws = needed.get('aws');
      if (opts.output === 'json') return printJson({ kubernetes: k8s ?? [], aws: aws ?? [] });
      if (k8s) printLine(`# Kubernetes\n${renderClusterRole(name, k8s)}`);
      if (aws) printLine(`# AWS IAM policy\n${iamPolicyFor(aws)}`);
    });
}

function describe(p: import('@simian/core').Permission): string {
  return p.kind === 'rbac'
    ? `${p.verbs.join(',')} ${p.resource}${p.subresource ? `/${p.subresource}` : ''}${p.group ? `.${p.group}` : ''}`
    : p.actions.join(', ');
}
