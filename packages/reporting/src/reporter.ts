import {
  SimianError,
  type FaultRecord,
  type Logger,
  type Provider,
  type Reporter,
  type Store,
} from '@simian/core';
import type { Mute } from './model/prepare.js';
import type { RuleInfo } from './model/finding.js';
import type { z } from 'zod';
import type { Report, ReportKind } from './report.js';

/** Renders one kind of report as text. */
export type RenderFunction<K extends ReportKind, O> = (report: Report<K>, options: O) => string;

/** A reporter that follows a run through core's hooks (a webhook, a chat sink). */
export interface LiveReporter extends Reporter {
  /** Waits for what it is still delivering. Never throws. */
  flush?(): Promise<void>;
}

/** What a live reporter is given besides its options. */
export interface LiveContext {
  logger: Logger;
  /** Names this instance in logs without its settings, e.g. `reporting.webhooks[0]`. */
  label: string;
  /**
   * The store the run writes to: sinks that report the current state (all monkeys' latest
   * findings, history) read it after the run recorded its findings.
   */
  store?: () => Store | undefined;
  /** The targets' providers (built on first use): report objects and files are written through them. */
  providers?: () => Provider[];
  /** The rule catalogue (read on first use), so rules without findings pass. */
  rules?: () => readonly RuleInfo[];
  /** `reporting.mutes`, applied before any format renders. */
  mutes?: readonly Mute[];
  /** Active faults in the targets, for the metrics of residual faults. */
  faults?: () => Promise<FaultRecord[]>;
  /** Prints HTML to a PDF file (headless Chromium), for sinks asked for `pdf`. */
  printPdf?: (html: string, file: string) => Promise<void>;
  /** Relative paths are relative to this (simian.yaml's folder). @default the working directory */
  baseDir?: string;
}

/** What one reporter file declares; {@link defineReporter} turns it into a definition. */
export interface ReporterSpec<O> {
  /** The name users write: `-o NAME`, `--reporter NAME`. Lower-case letters, digits, dashes. */
  name: string;
  /** One line for `--help` and docs. */
  description: string;
  /** Its options, each with `.describe()`. */
  options: z.ZodType<O>;
  /** One function per kind of report it can render. */
  render?: { [K in ReportKind]?: RenderFunction<K, O> };
  /** Hooks for a run, for reporters that deliver events as they happen. */
  live?: (options: O, context: LiveContext) => LiveReporter;
  /** How `--reporter NAME=VALUE` turns VALUE into raw options (renderers take a file instead). */
  fromFlag?: (value: string) => unknown;
  /**
   * `pdf`: what it renders is HTML that the command prints to a PDF file with headless Chromium
   * (a renderer returns text; a PDF is bytes).
   */
  print?: 'pdf';
}

/** A reporter as the map holds it: its name, what it renders, and how. */
export interface ReporterDefinition<O = unknown> {
  readonly name: string;
  readonly description: string;
  readonly options: z.ZodType<O>;
  /** The kinds of report it renders; empty for a reporter that only delivers events. */
  readonly kinds: readonly ReportKind[];
  /** Renders a report of one of {@link kinds}. */
  render(report: Report, options: O): string;
  live?(options: O, context: LiveContext): LiveReporter;
  fromFlag?(value: string): unknown;
  /** `pdf`: the rendered HTML is to be printed to a PDF file. */
  readonly print?: 'pdf';
}

/** Checks a reporter's spec and makes its definition. */
export function defineReporter<O>(spec: ReporterSpec<O>): ReporterDefinition<O> {
  if (!/^[a-z][a-z0-9-]*$/.test(spec.name)) {
    throw new SimianError(
      'WIRING',
      `reporter name "${spec.name}" must be lower-case letters, digits and dashes`,
    );
  }
  const renderers = spec.render ?? {};
  const kinds = Object.keys(renderers) as ReportKind[];
  return {
    name: spec.name,
    description: spec.description,
    options: spec.options,
    kinds,
    render(report, options) {
      // One kind at a time: TypeScript cannot follow the pairing of `report.kind` and its renderer.
      const render = renderers[report.kind] as RenderFunction<ReportKind, O> | undefined;
      if (!render) {
        throw new SimianError(
          'INPUT_INVALID',
          `the ${spec.name} reporter does not render ${report.kind} reports`,
          { hint: `it renders ${kinds.join(', ') || 'none (it delivers events)'}` },
        );
      }
      return render(report, options);
    },
    ...(spec.live ? { live: spec.live } : {}),
    ...(spec.fromFlag ? { fromFlag: spec.fromFlag } : {}),
    ...(spec.print ? { print: spec.print } : {}),
  };
}
