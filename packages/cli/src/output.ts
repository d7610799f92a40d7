import { renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import type { LiveContext, LiveReporter, Report, ReportKind } from '@simian/reporting';

// Light on purpose, like every module a command imports at the top: @simian/reporting (and core
// behind it) is imported when a command checks its output, not when `simian --help` lists it.
type Reporting = typeof import('@simian/reporting');
let reporting: Reporting | undefined;

/** Imports @simian/reporting once; `--help` of a command calls it first, for its formats. */
export async function loadReporting(): Promise<Reporting> {
  reporting ??= await import('@simian/reporting');
  return reporting;
}

async function usageError(message: string, hint?: string): Promise<Error> {
  const { SimianError } = await import('@simian/core');
  return new SimianError('INPUT_INVALID', message, hint ? { hint } : {});
}

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
  declared.set(command, { kinds, events: options.events ?? false });
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
  return command.addHelpText('after', () => {
    // main.ts loads reporting before it parses a command's --help.
    const formats = reporting ? reporting.formatsFor(kinds) : [];
    return formats.length > 0
      ? `\nOutput: -o ${formats.join('|')} (default ${defaultFormat(formats)}); --output-file PATH writes it to a file.`
      : '';
  });
}

/** The formats `command` accepts (loads reporting); empty for a command that makes no report. */
export async function formatsOf(command: Command): Promise<string[]> {
  const own = declared.get(command);
  return own ? (await loadReporting()).formatsFor(own.kinds) : [];
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

async function writableFile(flag: string, path: string): Promise<string> {
  const file = resolve(path);
  const dir = dirname(file);
  let isDir = false;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    // Absent: said below.
  }
  if (!isDir) throw await usageError(`${flag} ${path}: the folder ${dir} does not exist`);
  const info = statSync(file, { throwIfNoEntry: false });
  if (info?.isDirectory()) throw await usageError(`${flag} ${path} is a folder, not a file`);
  if (info && !info.isFile() && !info.isFIFO() && !info.isCharacterDevice())
    throw await usageError(`${flag} ${path} is not a regular file`);
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
export async function parseReporterOptions(
  flags: readonly string[],
): Promise<Record<string, Record<string, unknown>>> {
  const out: Record<string, Record<string, unknown>> = {};
  if (flags.length === 0) return out;
  const { reporterNamed } = await loadReporting();
  for (const flag of flags) {
    const m = /^([a-z][a-z0-9-]*)\.([A-Za-z][\w]*)=(.*)$/s.exec(flag);
    if (!m) {
      throw await usageError(
        `--reporter-option ${flag} is not NAME.KEY=VALUE`,
        "e.g. --reporter-option html.title='Weekly report'",
      );
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
export async function resolveOutput(command: Command): Promise<Resolved> {
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
      throw await usageError(
        `${flag} does not apply to ${path}, which writes no report (its logs go to stderr)`,
      );
    }
    return { format: PEOPLE, files: [], live: [], options: {} };
  }
  const { formatsFor, readOptions, reporterNamed } = await loadReporting();
  const formats = formatsFor(own.kinds);
  const format = opts.output ?? defaultFormat(formats);
  if (!formats.includes(format)) {
    throw await usageError(
      `--output ${format} does not apply to ${path}: its formats are ${formats.join(', ')}`,
    );
  }
  const resolved: Resolved = {
    format,
    files: [],
    live: [],
    options: await parseReporterOptions(opts.reporterOption ?? []),
  };
  if (opts.outputFile !== undefined)
    resolved.outputFile = await writableFile('--output-file', opts.outputFile);
  for (const flag of opts.reporter ?? []) {
    const [name = '', ...rest] = flag.split('=');
    const value = rest.length > 0 ? rest.join('=') : undefined;
    const reporter = reporterNamed(name);
    if (reporter.kinds.length > 0) {
      if (!formats.includes(name)) {
        throw await usageError(
          `--reporter ${name} does not apply to ${path}: its formats are ${formats.join(', ')}`,
        );
      }
      if (!value) {
        throw await usageError(`--reporter ${name} needs a file`, `write --reporter ${name}=PATH`);
      }
      resolved.files.push({
        format: name,
        file: await writableFile(`--reporter ${name}=`, value),
      });
    } else if (reporter.live && !own.events) {
      throw await usageError(
        `--reporter ${name} does not apply to ${path}, which runs no monkeys and has no events`,
      );
    } else if (reporter.live && reporter.fromFlag && value) {
      const options = { ...(reporter.fromFlag(value) as object), ...resolved.options[name] };
      readOptions(reporter, options);
      resolved.live.push({ name, options });
    } else {
      throw await usageError(
        `--reporter ${flag} is not something it can do`,
        `${name} is configured in simian.yaml; on the command line: FORMAT=FILE, webhook=URL, slack=URL or metrics=PUSHGATEWAY_URL`,
      );
    }
  }
  for (const [name, given] of Object.entries(resolved.options)) {
    const used =
      name === format ||
      resolved.files.some((f) => f.format === name) ||
      resolved.live.some((l) => l.name === name);
    if (!used) {
      throw await usageError(
        `--reporter-option ${name}.* is for a reporter this command does not use`,
        `add -o ${name} or --reporter ${name}=...`,
      );
    }
    readOptions(reporterNamed(name), given);
  }
  if (reporterNamed(format).print && resolved.outputFile === undefined) {
    throw await usageError(`-o ${format} writes a file: give --output-file PATH`);
  }
  return resolved;
}

/** The output of the command whose action is running. */
export async function commandOutput(command: Command): Promise<CommandOutput> {
  const resolved = await resolveOutput(command);
  const { format, outputFile } = resolved;
  const { readOptions, renderReport, reporterNamed } = await loadReporting();
  const people = (await formatsOf(command)).includes(PEOPLE);
  const render = (name: string, report: Report) =>
    renderReport(name, report, resolved.options[name] ?? {});
  const printed = (name: string) => reporterNamed(name).print === 'pdf';
  const text = (report: Report) => {
    if (!printed(format)) {
      const out = render(format, report);
      if (outputFile === undefined) process.stdout.write(out);
      else writeWhole(outputFile, out);
    }
    if (outputFile !== undefined && format !== PEOPLE && people)
      process.stdout.write(renderReport(PEOPLE, report));
    for (const f of resolved.files)
      if (!printed(f.format)) writeWhole(f.file, render(f.format, report));
  };
  const cannotPrint =
    printed(format) || resolved.files.some((f) => printed(f.format))
      ? await usageError(`${commandPath(command)} cannot print a PDF`)
      : undefined;
  return {
    format,
    write(report) {
      if (cannotPrint) throw cannotPrint;
      text(report);
    },
    async writeAll(report) {
      text(report);
      const printing =
        printed(format) || resolved.files.some((f) => printed(f.format))
          ? await import('./chromium.js')
          : undefined;
      if (printing && printed(format)) await printing.printPdf(render(format, report), outputFile!);
      for (const f of resolved.files)
        if (printing && printed(f.format))
          await printing.printPdf(render(f.format, report), f.file);
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

/**
 * Writes a report file whole or not at all: into a temporary file beside it, then renamed over
 * it, so a run that fails half-way never leaves half a report where a CI step reads one. A FIFO
 * or a device (`/dev/stdout`) is written as it is.
 */
export function writeWhole(file: string, text: string): void {
  const info = statSync(file, { throwIfNoEntry: false });
  if (info && !info.isFile()) {
    writeFileSync(file, text);
    return;
  }
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, text);
    renameSync(temporary, file);
  } catch (e) {
    rmSync(temporary, { force: true });
    throw e;
  }
}
