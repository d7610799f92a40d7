import type { Command } from 'commander';
import { sandboxDown, sandboxSeed, sandboxStatus, sandboxUp } from '@simian/sandbox';
import { EXIT } from '../exit-codes.js';
import type { GlobalOptions } from '../context.js';
import { printJson, printLine, printTable } from '../output.js';

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
  sandbox
    .command('up')
    .description('Start the sandbox (or reuse a healthy one) and print how to use it.')
    .action(async () => {
      const r = await sandboxUp({ log: progress });
      if (program.opts<GlobalOptions>().output === 'json') return printJson(r);
      printLine(
        `sandbox ${r.reused ? 'already running' : 'started'} in ${(r.durationMs / 1000).toFixed(1)}s`,
      );
      printLine(`  export KUBECONFIG=${r.paths.kubeconfig}`);
      printLine(`  set -a; . ${r.paths.awsEnv}; set +a`);
    });
  sandbox
    .command('down')
    .description('Stop exactly the processes the sandbox started, and nothing else.')
    .action(async () => {
      const r = await sandboxDown({ log: progress });
      if (program.opts<GlobalOptions>().output === 'json') return printJson(r);
      printLine(r.stopped.length ? `stopped: ${r.stopped.join(', ')}` : 'nothing was running');
      if (r.alreadyGone.length) printLine(`already gone: ${r.alreadyGone.join(', ')}`);
    });
  sandbox
    .command('status')
    .description('Say whether each component runs and is healthy (exit 3 when not).')
    .action(async () => {
      const s = await sandboxStatus();
      if (program.opts<GlobalOptions>().output === 'json') printJson(s);
      else
        printTable(
          ['component', 'pid', 'running', 'healthy', 'detail'],
          s.components.map((c) => [
            c.name,
            String(c.pid ?? ''),
            String(c.running),
            String(c.healthy),
            c.detail,
          ]),
        );
      process.exitCode = s.healthy ? EXIT.OK : EXIT.TARGET;
    });
  sandbox
    .command('seed')
    .description(
      'Create the demo estate (apps in several namespaces, EC2, EBS, S3 in moto). Idempotent.',
    )
    .action(async () => {
      const r = await sandboxSeed({ log: progress });
      if (program.opts<GlobalOptions>().output === 'json') return printJson(r);
      printLine(
        `seeded ${r.kubernetes.length} Kubernetes objects${r.aws ? ' and the AWS estate' : ''}`,
      );
    });
}
