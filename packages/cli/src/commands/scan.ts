import { Option, type Command } from 'commander';
import { SEVERITIES, SimianError, type Severity } from '@simian/core';
import { failsAt, scanManifests } from '@simian/policy';
import { EXIT } from '../exit-codes.js';
import { commandOutput, withOutput } from '../output.js';

interface ScanFlags {
  failOn?: Severity;
  rego: string[];
  bundle: string[];
  builtin: boolean;
  disable: string[];
}

const collect = (v: string, acc: string[]) => [...acc, v];

export function registerScan(program: Command): void {
  const scan = program
    .command('scan <path...>')
    .description(
      'Check manifests on disk against the Rego rules, without a cluster (like conftest).',
    )
    .addOption(
      new Option(
        '--fail-on <severity>',
        'exit 1 when an unwaived finding is this severe or worse',
      ).choices(SEVERITIES as string[]),
    )
    .option(
      '--rego <dir>',
      'also evaluate your own Rego from this directory (needs opa; repeatable)',
      collect,
      [],
    )
    .option(
      '--bundle <file>',
      'also evaluate a bundle you built with `opa build -t wasm` (repeatable)',
      collect,
      [],
    )
    .option('--no-builtin', "leave out Simian's built-in rules")
    .option(
      '--disable <rule>',
      'leave out a rule by id or pattern, e.g. K8S-HEALTH-* (repeatable)',
      collect,
      [],
    )
    .addHelpText(
      'after',
      `
PATH is a file, a directory (read recursively: .yaml, .yml, .json), or - for stdin, so the output
of \`helm template\` or \`kustomize build\` can be piped in. Output with --output: table (default),
json, junit or sarif (for code scanning in CI).

Examples:
  simian scan deploy/ --fail-on high
  helm template my-release ./chart | simian scan - --output sarif > simian.sarif
  kustomize build overlays/prod | simian scan - --output junit > simian-junit.xml
  simian scan deploy/ --reporter sarif=simian.sarif --reporter junit=simian-junit.xml`,
    )
    .action(async (paths: string[], o: ScanFlags, command: Command) => {
      const out = commandOutput(command);
      const rules = Object.fromEntries(o.disable.map((id) => [id, { enabled: false }]));
      if (!o.builtin && o.rego.length === 0 && o.bundle.length === 0) {
        throw new SimianError('INPUT_INVALID', '--no-builtin leaves no rules to evaluate', {
          hint: 'add --rego DIR or --bundle FILE',
        });
      }
      const result = await scanManifests(paths, {
        config: { builtin: o.builtin, regoDirs: o.rego, bundles: o.bundle, rules },
        ...(o.failOn ? { failOn: o.failOn } : {}),
      });
      await out.writeAll({ kind: 'findings', data: result });
      process.exitCode =
        o.failOn && failsAt(result.findings, o.failOn) ? EXIT.FINDINGS_OR_FAILED : EXIT.OK;
    });
  withOutput(scan, ['findings'], { reporters: true });
}
