import { Option, type Command } from 'commander';
import type { Severity } from '@simian/core';
import { collect } from '../args.js';
import { EXIT } from '../exit-codes.js';
import { commandOutput, withOutput } from '../output.js';
import { terminalProgress } from '../progress.js';

interface ScanFlags {
  failOn?: Severity;
  rego: string[];
  bundle: string[];
  builtin: boolean;
  disable: string[];
}

/** Core's SEVERITIES, spelled here so `--help` loads no core; a unit test holds the two equal. */
export const SCAN_SEVERITIES = ['info', 'low', 'medium', 'high', 'critical'] as const;

export function registerScan(program: Command): void {
  const scan = program
    .command('scan <path...>')
    .description(
      'Check manifests on disk against the Rego rules, without a cluster (like conftest).',
    )
    .addOption(
      new Option(
        '--fail-on <severity>',
        `exit 1 when an unwaived finding is this severe or worse (${SCAN_SEVERITIES.join(', ')})`,
      ).choices(SCAN_SEVERITIES),
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
of \`helm template\` or \`kustomize build\` can be piped in. Only regular files are read, each up to
--max-file-size. A document the rules cannot be evaluated on (a field of the wrong type) is one
finding (SIMIAN-EVALUATION-FAILED) about that document; the rest of the scan goes on. Output with
--output: table (default), json, junit or sarif (for code scanning in CI).

Examples:
  simian scan deploy/ --fail-on high
  helm template my-release ./chart | simian scan - --output sarif > simian.sarif
  kustomize build overlays/prod | simian scan - --output junit > simian-junit.xml
  simian scan deploy/ --reporter sarif=simian.sarif --reporter junit=simian-junit.xml`,
    )
    .action(async (paths: string[], o: ScanFlags, command: Command) => {
      const out = await commandOutput(command);
      const { SimianError } = await import('@simian/core');
      const rules = Object.fromEntries(o.disable.map((id) => [id, { enabled: false }]));
      if (!o.builtin && o.rego.length === 0 && o.bundle.length === 0) {
        throw new SimianError('INPUT_INVALID', '--no-builtin leaves no rules to evaluate', {
          hint: 'add --rego DIR or --bundle FILE',
        });
      }
      if (paths.filter((p) => p === '-').length > 1) {
        throw new SimianError('INPUT_INVALID', 'stdin (-) can be read once; it was named twice');
      }
      const { failsAt, scanManifests } = await import('@simian/policy');
      const progress = terminalProgress();
      let result;
      try {
        result = await scanManifests(paths, {
          config: { builtin: o.builtin, regoDirs: o.rego, bundles: o.bundle, rules },
          ...(o.failOn ? { failOn: o.failOn } : {}),
          onProgress: (line, step) => (step ? progress.step(line) : progress.update(line)),
        });
      } finally {
        progress.done();
      }
      await out.writeAll({ kind: 'findings', data: result });
      process.exitCode =
        o.failOn && failsAt(result.findings, o.failOn) ? EXIT.FINDINGS_OR_FAILED : EXIT.OK;
    });
  withOutput(scan, ['findings'], { reporters: true });
}
