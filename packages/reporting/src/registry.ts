import { SimianError } from '@simian/core';
import type { Report, ReportKind } from './report.js';
import type { ReporterDefinition } from './reporter.js';
import { reporters } from './reporters/index.js';

// Built on first use: reporters that render reports themselves (sinks) import this module.
let built: ReadonlyMap<string, ReporterDefinition> | undefined;
const byName = (): ReadonlyMap<string, ReporterDefinition> =>
  (built ??= new Map(Object.entries(reporters)));

/** Every reporter, in the map's order. */
export function allReporters(): ReporterDefinition[] {
  return [...byName().values()];
}

/** The reporter called `name`; an error naming the others when there is none. */
export function reporterNamed(name: string): ReporterDefinition {
  const found = byName().get(name);
  if (!found) {
    throw new SimianError('INPUT_INVALID', `there is no reporter named "${name}"`, {
      hint: `reporters: ${[...byName().keys()].join(', ')}`,
    });
  }
  return found;
}

/** The formats that can render every one of `kinds`: what a command making them accepts. */
export function formatsFor(kinds: readonly ReportKind[]): string[] {
  return allReporters()
    .filter((r) => kinds.length > 0 && kinds.every((k) => r.kinds.includes(k)))
    .map((r) => r.name);
}

/**
 * Renders `report` with the reporter called `format`, its options read from `options` (defaults
 * for what is left out). Throws when that reporter does not render this kind.
 */
export function renderReport(format: string, report: Report, options: unknown = {}): string {
  const reporter = byName().get(format);
  if (!reporter?.kinds.includes(report.kind)) {
    throw new SimianError('INPUT_INVALID', `unknown output format "${format}" for ${report.kind}`, {
      hint: `use one of ${formatsFor([report.kind]).join(', ')}`,
    });
  }
  return reporter.render(report, readOptions(reporter, options));
}

/** A reporter's options from raw values, with a clear error naming the reporter and the field. */
export function readOptions<O>(reporter: ReporterDefinition<O>, raw: unknown): O {
  const parsed = reporter.options.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issues = parsed.error.issues
    .map((i) => `${i.path.join('.') || '(options)'}: ${i.message}`)
    .join('; ');
  throw new SimianError('INPUT_INVALID', `options of the ${reporter.name} reporter: ${issues}`);
}
