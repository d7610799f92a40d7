import { renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import type { Logger } from '@simian/core';
import type { LiveReporter, Report, ReportKind } from '@simian/reporting';

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
  /** The live reporters asked for with `--reporter NAME=VALUE` (e.g. `webhook=URL`). */
  live(logger: Logger): LiveReporter[];
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
        ? 'also report with this reporter: FORMAT=FILE writes a second format to a file, webhook=URL posts the events of the run (repeatable)'
        : 'also write this format to a file: FORMAT=FILE (repeatable)',
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
    return { format: PEOPLE, files: [], live: [] };
  }
  const { formatsFor, readOptions, reporterNamed } = await loadReporting();
  const formats = formatsFor(own.kinds);
  const format = opts.output ?? defaultFormat(formats);
  if (!formats.includes(format)) {
    throw await usageError(
      `--output ${format} does not apply to ${path}: its formats are ${formats.join(', ')}`,
    );
  }
  const resolved: Resolved = { format, files: [], live: [] };
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
      const options = reporter.fromFlag(value);
      readOptions(reporter, options);
      resolved.live.push({ name, options });
    } else {
      throw await usageError(
        `--reporter ${flag} is not something it can do`,
        `${name} is configured in simian.yaml; on the command line: FORMAT=FILE or webhook=URL`,
      );
    }
  }
  return resolved;
}

/** The output of the command whose action is running. */
export async function commandOutput(command: Command): Promise<CommandOutput> {
  const resolved = await resolveOutput(command);
  const { format, outputFile } = resolved;
  const { readOptions, renderReport, reporterNamed } = await loadReporting();
  const people = (await formatsOf(command)).includes(PEOPLE);
  return {
    format,
    write(report) {
      const text = renderReport(format, report);
      if (outputFile === undefined) process.stdout.write(text);
      else {
        writeWhole(outputFile, text);
        if (format !== PEOPLE && people) process.stdout.write(renderReport(PEOPLE, report));
      }
      for (const f of resolved.files) writeWhole(f.file, renderReport(f.format, report));
    },
    live(logger) {
      return resolved.live.map(({ name, options }, i) => {
        const reporter = reporterNamed(name);
        return reporter.live!(readOptions(reporter, options), {
          logger,
          label: `--reporter ${name} (${i + 1})`,
        });
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
