import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import type { LeaseRef } from '../permissions.js';
import { chooseConfig, loadContext, type GlobalOptions } from '../context.js';
import { commandOutput, withOutput } from '../output.js';
import { loadActivities, loadRegistry } from '../registry.js';

const collect = (v: string, acc: string[]) => [...acc, v];

/** `--lease ns/name`, as `simian daemon` takes it. */
export async function parseLeaseFlag(flag: string | undefined): Promise<LeaseRef | undefined> {
  if (flag === undefined) return undefined;
  const [namespace, name, ...rest] = flag.split('/');
  if (!namespace || !name || rest.length > 0) {
    const { SimianError } = await import('@simian/core');
    throw new SimianError('INPUT_INVALID', `--lease "${flag}" is not namespace/name`, {
      hint: 'e.g. --lease simian-system/simian-daemon',
    });
  }
  return { namespace, name };
}

export function registerRbac(program: Command): void {
  const rbac = program
    .command('rbac [monkey...]')
    .description(
      'Print the least-privilege ClusterRole/Roles and IAM policy for the enabled (or named) monkeys, or for experiments.',
    )
    .option(
      '--experiment <source>',
      'an experiment (a file or configmap://ns/name/key): grant exactly what its activities declare (repeatable; then no monkey unless named)',
      collect,
      [],
    )
    .option('--lease <namespace/name>', "also the daemon's Lease (simian daemon --lease)")
    .option('--name <name>', 'name of the ClusterRole and Roles (default: simian-<monkeys>)')
    .addHelpText(
      'after',
      "\nRead from the providers' registries of kinds and verbs and from each activity's own\ndeclaration, so it cannot drift from the code. Adds what every run needs: the kill-switch\nConfigMap or SSM parameter of each target, and report objects. Where every context of\ntargets.kubernetes is limited to namespaces (namespaces.include), namespaced kinds are granted\nby Roles there; an experiment's activities are granted in the namespaces they name.\n\nExamples:\n  simian rbac chaos\n  simian rbac --experiment deploy/examples/experiments/go-app-random-pod.yaml",
    )
    .action(
      async (
        names: string[],
        o: { experiment: string[]; lease?: string; name?: string },
        command: Command,
      ) => {
        const out = await commandOutput(command);
        const opts = program.opts<GlobalOptions>();
        const lease = await parseLeaseFlag(o.lease);
        // For experiments alone a simian.yaml is optional, as for `experiment run`; one named by
        // --config or $SIMIAN_CONFIG must exist.
        const choice = chooseConfig(opts);
        const ctx =
          choice.from !== 'default' || existsSync(choice.path) || o.experiment.length === 0
            ? await loadContext(opts)
            : undefined;
        const registry = ctx?.registry ?? (await loadRegistry());
        const activities = await loadActivities(registry);
        const { enabledMonkeys } = await import('../permissions.js');
        const { loadExperimentSource } = await import('../experiment-source.js');
        const { rbacAnswer } = await import('../rbac-report.js');
        const monkeys =
          o.experiment.length > 0 && names.length === 0
            ? []
            : enabledMonkeys(registry, ctx!.config, names);
        const experiments = [];
        for (const source of o.experiment) {
          experiments.push({
            source,
            experiment: await loadExperimentSource(source, {
              activities,
              ...(ctx ? { config: ctx.config } : {}),
            }),
          });
        }
        const answer = rbacAnswer(registry, activities, {
          monkeys,
          experiments,
          ...(ctx ? { config: ctx.config } : {}),
          ...(lease ? { lease } : {}),
          ...(o.name ? { name: o.name } : {}),
        });
        out.write({ kind: 'permissions', data: answer });
      },
    );
  withOutput(rbac, ['permissions']);
}
