import { statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import { SimianError } from '@simian/core';
import {
  formatsFor,
  readOptions,
  renderReport,
  reporterNamed,
  type LiveContext,
  type LiveReporter,
  type Report,
  type ReportKind,
} from '@simian/reporting';
import { printPdf } from './chromium.js';

/** What a command's action writes through: it hands over its report and never looks at the format. */
export interface CommandOutput {
  /** The format of `-o/--output` (the command's default when it was left out). */
  readonly format: string;
  /**
   * Renders the report in that format to stdout, or to `--output-file` (then stdout gets the
   * people's table when the command has one, or nothing), and to the file of each `--reporter`.
   */
  write(report: Report): void;
  /**
   * As {@link write}, for commands whose reports a format prints to PDF (findings, journals): the
   * PDF goes to the file given (`--output-file`, `--reporter pdf=FILE`), printed by Chromium.
   */
  writeAll(report: Report): Promise<void>;
  /** The live reporters asked for with `--reporter NAME=VALUE` (e.g. `webhook=URL`, `slack=URL`). */
  live(context: (label: string) => LiveContext): LiveReporter[];
}

interface Declared {
  kinds: ReportKind[];
  formats: string[];
  /** It runs monkeys, whose events live reporters (webhook) deliver. */
  events: boolean;
}

const declared = new WeakMap<Command, Declared>();
const collect = (v: string, acc: string[]) => [...acc, v];
const PEOPLE = 'table';

/**
 * Declares the kinds of report `command` makes; the formats it accepts are the reporters that
 * render them all. With `reporters`, it also takes `--reporter NAME[=TARGET]` (repeatable): a
 * second format to a file, and, with `events` (a command that runs monkeys), a webhook.
 */
export function withOutput(
  command: Command,
  kinds: ReportKind[],
  options: { reporters?: boolean; events?: boolean } = {},
): Command {
  const formats = formatsFor(kinds);
  declared.set(command, { kinds, formats, events: options.events ?? false });
  if (options.reporters) {
    command.option(
      '--reporter <name=target>',
      options.events
        ? 'also report with this reporter: FORMAT=FILE writes another format to a file; webhook=URL, slack=URL and metrics=PUSHGATEWAY_URL deliver the run (repeatable)'
        : 'also write this format to a file: FORMAT=FILE (repeatable)',
      collect,
      [],
    );
    command.option(
      '--reporter-option <name.key=value>',
      "an option of a --reporter (or of -o's format): html.title='Prod, weekly', slack.newFindingsAt=critical (repeatable)",
      collect,
      [],
    );
  }
  return command.addHelpText(
    'after',
    `\nOutput: -o ${formats.join('|')} (default ${defaultFormat(formats)}); --output-file PATH writes it to a file.`,
  );
}

function defaultFormat(formats: string[]): string {
  return formats.includes(PEOPLE) ? PEOPLE : formats[0]!;
}

/** `simian sandbox status`, as people type it. */
function commandPath(command: Command): string {
  const names: string[] = [];
  for (let c: Command | null = command; c; c = c.parent) names.unshift(c.name());
  return names.join(' ');
}

function writableFile(flag: string, path: string): string {
  const file = resolve(path);
  const dir = dirname(file);
  let isDir = false;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    // Absent: said below.
  }
  if (!isDir) {
    throw new SimianError('INPUT_INVALID', `${flag} ${path}: the folder ${dir} does not exist`);
  }
  if (statSync(file, { throwIfNoEntry: false })?.isDirectory()) {
    throw new SimianError('INPUT_INVALID', `${flag} ${path} is a folder, not a file`);
  }
  return file;
}

interface Resolved {
  format: string;
  outputFile?: string;
  /** `--reporter FORMAT=FILE`. */
  files: Array<{ format: string; file: string }>;
  /** `--reporter NAME=VALUE` of live reporters, as their raw options. */
  live: Array<{ name: string; options: unknown }>;
  /** `--reporter-option NAME.KEY=VALUE`, per reporter. */
  options: Record<string, Record<string, unknown>>;
}

/**
 * `--reporter-option NAME.KEY=VALUE`s, per reporter. VALUE is read as JSON when it is JSON (a
 * number, true, a list), else as text; each reporter checks its own options strictly.
 */
export function parseReporterOptions(
  flags: readonly string[],
): Record<string, Record<string, unknown>> {
  const out: Record<string, Record<string, unknown>> = {};
  for (const flag of flags) {
    const m = /^([a-z][a-z0-9-]*)\.([A-Za-z][\w]*)=(.*)$/s.exec(flag);
    if (!m) {
      throw new SimianError('INPUT_INVALID', `--reporter-option ${flag} is not NAME.KEY=VALUE`, {
        hint: "e.g. --reporter-option html.title='Weekly report'",
      });
    }
    const [, name, key, raw] = m as unknown as [string, string, string, string];
    reporterNamed(name);
    let value: unknown = raw;
    try {
      value = JSON.parse(raw);
    } catch {
      // Plain text.
    }
    (out[name] ??= {})[key] = value;
  }
  return out;
}

/**
 * Reads and checks `-o`, `--output-file` and `--reporter` for the command about to run, so a
 * format it cannot give is refused (exit 2) before anything is done.
 */
export function resolveOutput(command: Command): Resolved {
  const opts = command.optsWithGlobals<{
    output?: string;
    outputFile?: string;
    reporter?: string[];
    reporterOption?: string[];
  }>();
  const path = commandPath(command);
  const own = declared.get(command);
  if (!own) {
    const flag = opts.output !== undefined ? '--output' : '--output-file';
    if (opts.output !== undefined || opts.outputFile !== undefined) {
      throw new SimianError(
        'INPUT_INVALID',
        `${flag} does not apply to ${path}, which writes no report (its logs go to stderr)`,
      );
    }
    return { format: PEOPLE, files: [], live: [], options: {} };
  }
  const format = opts.output ?? defaultFormat(own.formats);
  if (!own.formats.includes(format)) {
    throw new SimianError(
      'INPUT_INVALID',
      `--output ${format} does not apply to ${path}: its formats are ${own.formats.join(', ')}`,
    );
  }
  const resolved: Resolved = {
    format,
    files: [],
    live: [],
    options: parseReporterOptions(opts.reporterOption ?? []),
  };
  if (opts.outputFile !== undefined)
    resolved.outputFile = writableFile('--output-file', opts.outputFile);
  for (const flag of opts.reporter ?? []) {
    const [name = '', ...rest] = flag.split('=');
    const value = rest.length > 0 ? rest.join('=') : undefined;
    const reporter = reporterNamed(name);
    if (reporter.kinds.length > 0) {
      if (!own.formats.includes(name)) {
        throw new SimianError(
          'INPUT_INVALID',
          `--reporter ${name} does not apply to ${path}: its formats are ${own.formats.join(', ')}`,
        );
      }
      if (!value) {
        throw new SimianError('INPUT_INVALID', `--reporter ${name} needs a file`, {
          hint: `write --reporter ${name}=PATH`,
        });
      }
      resolved.files.push({ format: name, file: writableFile(`--reporter ${name}=`, value) });
    } else if (reporter.live && !own.events) {
      throw new SimianError(
        'INPUT_INVALID',
        `--reporter ${name} does not apply to ${path}, which runs no monkeys and has no events`,
      );
    } else if (reporter.live && reporter.fromFlag && value) {
      const options = { ...(reporter.fromFlag(value) as object), ...resolved.options[name] };
      readOptions(reporter, options);
      resolved.live.push({ name, options });
    } else {
      throw new SimianError('INPUT_INVALID', `--reporter ${flag} is not something it can do`, {
        hint: `${name} is configured in simian.yaml; on the command line: FORMAT=FILE, webhook=URL, slack=URL or metrics=PUSHGATEWAY_URL`,
      });
    }
  }
  for (const [name, given] of Object.entries(resolved.options)) {
    const used =
      name === format ||
      resolved.files.some((f) => f.format === name) ||
      resolved.live.some((l) => l.name === name);
    if (!used) {
      throw new SimianError(
        'INPUT_INVALID',
        `--reporter-option ${name}.* is for a reporter this command does not use`,
        {
          hint: `add -o ${name} or --reporter ${name}=...`,
        },
      );
    }
    readOptions(reporterNamed(name), given);
  }
  if (reporterNamed(format).print && resolved.outputFile === undefined) {
    throw new SimianError('INPUT_INVALID', `-o ${format} writes a file: give --output-file PATH`);
  }
  return resolved;
}

/** The output of the command whose action is running. */
export function commandOutput(command: Command): CommandOutput {
  const resolved = resolveOutput(command);
  const { format, outputFile } = resolved;
  const people = declared.get(command)?.formats.includes(PEOPLE) ?? false;
  const render = (name: string, report: Report) =>
    renderReport(name, report, resolved.options[name] ?? {});
  const printed = (name: string) => reporterNamed(name).print === 'pdf';
  const text = (report: Report) => {
    if (!printed(format)) {
      const out = render(format, report);
      if (outputFile === undefined) process.stdout.write(out);
      else writeFileSync(outputFile, out);
    }
    if (outputFile !== undefined && format !== PEOPLE && people)
      process.stdout.write(renderReport(PEOPLE, report));
    for (const f of resolved.files)
      if (!printed(f.format)) writeFileSync(f.file, render(f.format, report));
  };
  return {
    format,
    write(report) {
      if (printed(format) || resolved.files.some((f) => printed(f.format))) {
        throw new SimianError('INPUT_INVALID', `${commandPath(command)} cannot print a PDF`);
      }
      text(report);
    },
    async writeAll(report) {
      text(report);
      if (printed(format)) await printPdf(render(format, report), outputFile!);
      for (const f of resolved.files)
        if (printed(f.format)) await printPdf(render(f.format, report), f.file);
    },
    live(context) {
      return resolved.live.map(({ name, options }, i) => {
        const reporter = reporterNamed(name);
        return reporter.live!(
          readOptions(reporter, options),
          context(`--reporter ${name} (${i + 1})`),
        );
      });
    },
  };
}
