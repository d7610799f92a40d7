import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Option, type Command } from 'commander';
import type { Severity } from '@simian/core';
import type { ComplianceReport, Report } from '@simian/reporting';
import { loadContext, type GlobalOptions } from '../context.js';
import { EXIT } from '../exit-codes.js';
import { commandOutput, withOutput, type CommandOutput } from '../output.js';
import { SCAN_SEVERITIES } from './scan.js';

/** What the actions use, imported when one runs (so `simian --help` loads none of it). */
async function heavy() {
  const [{ SimianError }, reporting, { ruleCatalogue }, { printPdf }] = await Promise.all([
    import('@simian/core'),
    import('@simian/reporting'),
    import('../catalogue.js'),
    import('../chromium.js'),
  ]);
  return { SimianError, ...reporting, ruleCatalogue, printPdf };
}

interface ReportFlags {
  format: string[];
  out?: string;
  since?: string;
  baseline?: string;
  framework?: string;
  failOnNew?: Severity | true;
  title?: string;
}

const collect = (v: string, acc: string[]) => [...acc, v];

/**
 * Writes `report` in each format: with `--out DIR`, one file per format (`simian-report.EXT`,
 * PDFs printed by Chromium), and the table on stdout; without, the one format on stdout.
 */
async function writeFormats(
  report: Report,
  flags: Pick<ReportFlags, 'format' | 'out' | 'title'>,
  out: CommandOutput,
  base: string,
): Promise<string[]> {
  const { FORMAT_FILES, printPdf, renderReport, reporterNamed, SimianError } = await heavy();
  const options = (format: string) =>
    flags.title && format === 'html' ? { title: flags.title } : {};
  if (flags.out === undefined && flags.format.length === 0) {
    await out.writeAll(report);
    return [];
  }
  const formats = flags.format.length > 0 ? flags.format : [out.format];
  for (const format of formats) {
    const reporter = reporterNamed(format);
    if (!reporter.kinds.includes(report.kind)) {
      throw new SimianError(
        'INPUT_INVALID',
        `--format ${format} does not render ${report.kind} reports`,
      );
    }
  }
  if (flags.out === undefined) {
    if (formats.length > 1) {
      throw new SimianError('INPUT_INVALID', 'several --format need --out DIR (one file each)');
    }
    const format = formats[0]!;
    if (reporterNamed(format).print) {
      throw new SimianError('INPUT_INVALID', `--format ${format} writes a file: add --out DIR`);
    }
    process.stdout.write(renderReport(format, report, options(format)));
    return [];
  }
  const dir = resolve(flags.out);
  mkdirSync(dir, { recursive: true });
  const written: string[] = [];
  for (const format of formats) {
    const file = join(dir, `${base}.${FORMAT_FILES[format]?.ext ?? format}`);
    const text = renderReport(format, report, options(format));
    if (reporterNamed(format).print === 'pdf') await printPdf(text, file);
    else writeFileSync(file, text);
    written.push(file);
  }
  process.stdout.write(
    renderReport('table', { ...report, notes: written.map((f) => `wrote ${f}`) } as Report),
  );
  return written;
}

/** New (or regressed) open findings at or above `at`: what `--fail-on-new` fails on. */
export function newFindingsAt(report: ComplianceReport, at: Severity): number {
  return report.findings.filter(
    (f) =>
      f.status === 'open' &&
      (f.change === 'new' || f.change === 'regressed') &&
      SCAN_SEVERITIES.indexOf(f.severity) >= SCAN_SEVERITIES.indexOf(at),
  ).length;
}

export function registerReport(program: Command): void {
  const report = program
    .command('report')
    .description(
      'Render the compliance report from the store (no target is touched): scores per framework, trends, owners, every finding.',
    )
    .option(
      '--format <format>',
      'a format (repeatable with --out): html, pdf, markdown, csv, sarif, junit, ocsf, policyreport, openreports, json, table',
      collect,
      [],
    )
    .option('--out <dir>', 'write one file per format into this folder (simian-report.EXT)')
    .option(
      '--since <run|date>',
      'trends from this run or date; new and resolved are counted against the state just before it',
    )
    .option(
      '--baseline <run>',
      "compare with the state right after this run (default: each monkey's run before its latest)",
    )
    .option(
      '--framework <id>',
      'only this framework and the findings of its rules (cis-kubernetes, pss, nsa-cisa-kubernetes-hardening, cis-aws-foundations, aws-well-architected, simian)',
    )
    .addOption(
      new Option(
        '--fail-on-new [severity]',
        'exit 1 when a finding is new or regressed since the baseline (at this severity or worse)',
      ).choices(SCAN_SEVERITIES),
    )
    .option('--title <text>', 'the title of the HTML report')
    .addHelpText(
      'after',
      `
The report is built from the findings each monkey recorded in the store (its latest run counts),
with the rule catalogue's frameworks, reporting.mutes applied once for every format, the janitor's
estimated savings and the chaos monkey's recovery times (with a finding for each workload that
recovers slower than last month).

Examples:
  simian report
  simian report --format html --format pdf --format sarif --out reports/
  simian report --framework cis-kubernetes --baseline 20261123101500-ab12cd34 --fail-on-new high
  simian report journals v1.json v2.json --format pdf --out reports/`,
    )
    .action(async (flags: ReportFlags, command: Command) => {
      const out = await commandOutput(command);
      const ctx = await loadContext(program.opts<GlobalOptions>());
      const { complianceFromStore, ruleCatalogue, SimianError } = await heavy();
      const store = ctx.openStore();
      try {
        const { report: data, history } = complianceFromStore(store, {
          rules: ruleCatalogue(),
          mutes: ctx.config.reporting.mutes,
          ...(flags.baseline ? { baseline: flags.baseline } : {}),
          ...(flags.since ? { since: flags.since } : {}),
          ...(flags.framework ? { framework: flags.framework } : {}),
          ...(flags.title ? { title: flags.title } : {}),
        });
        if (!data) {
          throw new SimianError('INPUT_INVALID', `the store at ${store.path} has no findings yet`, {
            hint: 'simian plan or simian run records what the monkeys find; then simian report renders it',
          });
        }
        await writeFormats({ kind: 'compliance', data }, flags, out, 'simian-report');
        const at: Severity | undefined = flags.failOnNew === true ? 'info' : flags.failOnNew;
        if (at !== undefined && !history.baseline) {
          process.stderr.write(
            'simian: --fail-on-new: nothing to compare with yet (one run in the store); nothing counts as new\n',
          );
        }
        process.exitCode =
          at !== undefined && newFindingsAt(data, at) > 0 ? EXIT.FINDINGS_OR_FAILED : EXIT.OK;
      } finally {
        store.close();
      }
    });
  withOutput(report, ['compliance']);

  const journals = report
    .command('journals <file...>')
    .description(
      "Render experiment journals (Simian's and Chaos Toolkit's) as one report: HTML, or PDF printed by headless Chromium (no pandoc, no LaTeX).",
    )
    .option(
      '--format <format>',
      'html, pdf, markdown, json or table (repeatable with --out)',
      collect,
      [],
    )
    .option('--out <dir>', 'write one file per format into this folder (simian-experiments.EXT)')
    .option('--title <text>', 'the title of the report', 'Chaos engineering experiments')
    .addHelpText(
      'after',
      `
Each journal is the file \`chaos run --journal-path\` or \`simian experiment run --journal-path\`
wrote. The report shows per experiment its outcome, the hypothesis with the probes before and
after, each activity's timing and output, the rollbacks, and a load test's latency percentiles
(any output with p50/p95/p99) as a chart.

Example:
  simian report journals v?.json --format pdf --out reports/`,
    )
    .action(async (files: string[], own: ReportFlags, command: Command) => {
      const out = await commandOutput(command);
      const { parseJournal, SimianError } = await heavy();
      // Commander hands options written after `journals` to `report` when both declare them (it
      // parses a parent's options wherever they stand): take them from there too.
      const parent = report.opts<Partial<ReportFlags>>();
      const flags: ReportFlags = {
        ...own,
        format: [...(parent.format ?? []), ...own.format],
        ...(own.out === undefined && parent.out !== undefined ? { out: parent.out } : {}),
        ...(parent.title !== undefined ? { title: parent.title } : {}),
      };
      const data = {
        title: flags.title ?? 'Chaos engineering experiments',
        generatedAt: new Date().toISOString(),
        journals: files.map((file) => {
          let text: string;
          try {
            text = readFileSync(file, 'utf8');
          } catch (e) {
            throw new SimianError('INPUT_INVALID', `cannot read ${file}: ${(e as Error).message}`);
          }
          return parseJournal(file, text);
        }),
      };
      await writeFormats(
        { kind: 'journals', data },
        { ...flags, title: undefined } as ReportFlags,
        out,
        'simian-experiments',
      );
      process.exitCode = EXIT.OK;
    });
  withOutput(journals, ['journals']);
}
