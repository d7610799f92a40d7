import type { Command } from 'commander';
import { EXIT } from '../exit-codes.js';
import { commandOutput, withOutput } from '../output.js';

const progress = (line: string) => process.stderr.write(`${line}\n`);

export function registerSandbox(program: Command): void {
  const sandbox = program
    .command('sandbox')
    .description(
      'A real local target: kube-apiserver, etcd, controller-manager, scheduler, kwok and moto, on loopback.',
    )
    .addHelpText(
      'after',
      '\nThe first `up` builds Kubernetes, etcd, kwok and moto into ~/.cache/simian (minutes); later ones\ntake seconds. State lives in .simian/sandbox/ of the current folder.\n\nExample:\n  simian sandbox up && simian sandbox seed\n  export KUBECONFIG=$PWD/.simian/sandbox/kubeconfig\n  simian sandbox down',
    );
  const up = sandbox
    .command('up')
    .description('Start the sandbox (or reuse a healthy one) and print how to use it.')
    .action(async (_o: unknown, command: Command) => {
      const out = await commandOutput(command);
      const { sandboxUp } = await import('@simian/sandbox');
      out.write({ kind: 'sandbox-up', data: await sandboxUp({ log: progress }) });
    });
  withOutput(up, ['sandbox-up']);
  const down = sandbox
    .command('down')
    .description('Stop exactly the processes the sandbox started, and nothing else.')
    .action(async (_o: unknown, command: Command) => {
      const out = await commandOutput(command);
      const { sandboxDown } = await import('@simian/sandbox');
      out.write({ kind: 'sandbox-down', data: await sandboxDown({ log: progress }) });
    });
  withOutput(down, ['sandbox-down']);
  const status = sandbox
    .command('status')
    .description('Say whether each component runs and is healthy (exit 3 when not).')
    .action(async (_o: unknown, command: Command) => {
      const out = await commandOutput(command);
      const { sandboxStatus } = await import('@simian/sandbox');
      const s = await sandboxStatus();
      out.write({ kind: 'sandbox-status', data: s });
      process.exitCode = s.healthy ? EXIT.OK : EXIT.TARGET;
    });
  withOutput(status, ['sandbox-status']);
  const seed = sandbox
    .command('seed')
    .description(
      'Create the demo estate (apps in several namespaces, EC2, EBS, S3 in moto). Idempotent.',
    )
    .action(async (_o: unknown, command: Command) => {
      const out = await commandOutput(command);
      const { sandboxSeed } = await import('@simian/sandbox');
      out.write({ kind: 'sandbox-seed', data: await sandboxSeed({ log: progress }) });
    });
  withOutput(seed, ['sandbox-seed']);
}
