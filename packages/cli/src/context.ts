import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Logger, Provider, Registry, SimianConfig, Store } from '@simian/core';
import type { LiveContext, LiveReporter, MetricsReporter, ReportContext } from '@simian/reporting';
import { loadRegistry } from './registry.js';

// Light on purpose: every command imports this file, and `simian --help` loads every command.
// What a context needs (core, reporting, the features) is imported when a command builds one.

export interface GlobalOptions {
  /** `-c/--config`; when left out, $SIMIAN_CONFIG, then ./simian.yaml. */
  config?: string;
  /** `-o`: checked against the command's formats before its action runs (output.ts). */
  output?: string;
  outputFile?: string;
  logLevel?: string;
  logFormat?: 'json' | 'pretty' | 'auto';
  /** `--max-file-size`, in MiB. */
  maxFileSize?: number;
}

export interface CommandContext {
  config: SimianConfig;
  registry: Registry;
  logger: Logger;
  /** Opens the store of simian.yaml (a clear `STORE` error when it cannot be opened or written). */
  openStore(): Store;
  /**
   * The live reporters of this command: the webhooks of simian.yaml's `reporting`, and any added
   * with {@link addReporters}. Each is registered with `registry` too, so every run the engine
   * makes (the daemon's as well) reports to them.
   */
  readonly reporters: LiveReporter[];
  addReporters(reporters: LiveReporter[]): void;
  /**
   * Adds the sinks that deliver a run's report after it (`reporting.slack` and `owners`, `files`,
   * `s3`, `clusterReports`, `metrics`), for commands that act: run, apply, daemon. Returns the metrics
   * reporter when `reporting.metrics` is set (the daemon serves it). `serve`: the daemon serves
   * the metrics, so no push.
   */
  addRunSinks(options?: { serve?: boolean }): { metrics?: MetricsReporter };
  /** What the findings formats need besides a run's data: the rule catalogue and the mutes. */
  reportContext(): ReportContext;
  /** What a live reporter gets: the store, the targets' providers, rules, mutes. */
  liveContext(label: string): LiveContext;
  /** Waits for what the live reporters are still delivering, and closes what they opened. */
  flushReporters(): Promise<void>;
}

/** Where the config file was named: what a missing one is told to the user as. */
export interface ConfigChoice {
  path: string;
  /** How it was chosen; a file named on purpose must exist. */
  from: 'argument' | '--config' | 'SIMIAN_CONFIG' | 'default';
}

/** Picks the config file: FILE (validate's), --config, then $SIMIAN_CONFIG, then ./simian.yaml. */
export function chooseConfig(opts: GlobalOptions, file?: string): ConfigChoice {
  if (file !== undefined) return { path: resolve(file), from: 'argument' };
  if (opts.config !== undefined) return { path: resolve(opts.config), from: '--config' };
  const env = process.env['SIMIAN_CONFIG'];
  if (env) return { path: resolve(env), from: 'SIMIAN_CONFIG' };
  return { path: resolve('simian.yaml'), from: 'default' };
}

/** The config file to read; a clear error when there is none where it was looked for. */
export async function configPath(opts: GlobalOptions, file?: string): Promise<string> {
  const choice = chooseConfig(opts, file);
  let missing: boolean;
  try {
    missing = statSync(choice.path, { throwIfNoEntry: false }) === undefined;
  } catch {
    // There, or not, but not ours to see (a folder we may not enter): reading it says why.
    missing = false;
  }
  if (missing) {
    const { SimianError } = await import('@simian/core');
    const named =
      choice.from === 'default'
        ? `no simian.yaml in ${resolve('.')}`
        : `no config file at ${choice.path} (from ${choice.from})`;
    throw new SimianError('CONFIG_NOT_FOUND', named, {
      hint: 'pass --config PATH, set SIMIAN_CONFIG, or start from deploy/examples/sandbox/simian.yaml (docs/configuration.md lists every key)',
    });
  }
  return choice.path;
}

/**
 * Reads and checks simian.yaml (every feature registered, so every key is known), and makes the
 * logger and the live reporters.
 */
export async function loadContext(
  opts: GlobalOptions,
  options: { file?: string; registry?: Registry } = {},
): Promise<CommandContext> {
  const path = await configPath(opts, options.file);
  const [core, reporting, registry, { ruleCatalogue }, { printPdf }] = await Promise.all([
    import('@simian/core'),
    import('@simian/reporting'),
    options.registry ?? loadRegistry(),
    import('./catalogue.js'),
    import('./chromium.js'),
  ]);
  const config = core.loadConfigFile(path, registry);
  const logger = core.createLogger({
    level: opts.logLevel ?? config.log.level,
    format: opts.logFormat ?? config.log.format,
    secrets: config.source.secrets,
  });
  const storePath = resolve(config.source.dir, config.store.path);
  const reporters: LiveReporter[] = [];
  const addReporters = (more: LiveReporter[]) => {
    for (const r of more) {
      reporters.push(r);
      registry.registerReporter(r);
    }
  };
  // What the sinks read: the store the command opened, and providers of their own (built on
  // first use, closed by flushReporters), so writing a report never borrows a run's connections.
  let store: Store | undefined;
  let sinkProviders: Provider[] | undefined;
  const settings = config.reporting;
  const providers = () => (sinkProviders ??= core.buildProviders(config, registry, logger));
  const liveContext = (label: string): LiveContext => ({
    logger,
    label,
    store: () => (store?.open ? store : undefined),
    providers,
    rules: ruleCatalogue,
    mutes: settings.mutes,
    printPdf,
    baseDir: config.source.dir,
    faults: async () =>
      (await core.listFaults({ providers: providers(), signal: AbortSignal.timeout(30_000) }))
        .found,
  });
  addReporters(
    settings.webhooks.map((webhook, i) =>
      reporting.createWebhookReporter(webhook, liveContext(`reporting.webhooks[${i}]`)),
    ),
  );
  const addRunSinks = (sinkOptions: { serve?: boolean } = {}) => {
    const sinks: LiveReporter[] = [];
    if (settings.slack || settings.owners) {
      sinks.push(
        reporting.createSlackReporter(
          {
            newFindingsAt: 'high',
            timeout: 5000,
            retries: 2,
            dryRuns: false,
            ...settings.slack,
            ...(settings.owners ? { owners: settings.owners } : {}),
          },
          liveContext(settings.slack ? 'reporting.slack' : 'reporting.owners'),
        ),
      );
    }
    if (settings.files.length > 0) {
      sinks.push(
        reporting.createFilesReporter({ files: settings.files }, liveContext('reporting.files')),
      );
    }
    if (settings.s3) {
      sinks.push(reporting.createS3Reporter(settings.s3, liveContext('reporting.s3')));
    }
    if (settings.clusterReports) {
      sinks.push(
        reporting.createClusterReportsReporter(
          settings.clusterReports,
          liveContext('reporting.clusterReports'),
        ),
      );
    }
    let metrics: MetricsReporter | undefined;
    if (settings.metrics) {
      const { pushgateway: _push, ...served } = settings.metrics;
      metrics = reporting.createMetricsReporter(
        sinkOptions.serve ? served : settings.metrics,
        liveContext('reporting.metrics'),
      );
      sinks.push(metrics);
    }
    addReporters(sinks);
    return metrics ? { metrics } : {};
  };
  return {
    config,
    registry,
    logger,
    openStore: () => (store = new core.Store(storePath)),
    reporters,
    addReporters,
    addRunSinks,
    liveContext,
    reportContext: () => ({ rules: ruleCatalogue(), mutes: settings.mutes }),
    flushReporters: async () => {
      await Promise.all(reporters.map(async (r) => r.flush?.()));
      const opened = sinkProviders;
      sinkProviders = undefined;
      await Promise.all((opened ?? []).map(async (p) => p.close?.()));
    },
  };
}
