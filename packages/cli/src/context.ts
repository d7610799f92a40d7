import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  buildProviders,
  createLogger,
  listFaults,
  loadConfigFile,
  SimianError,
  Store,
  type Logger,
  type Provider,
  type Registry,
  type SimianConfig,
} from '@simian/core';
import {
  createClusterReportsReporter,
  createFilesReporter,
  createMetricsReporter,
  createS3Reporter,
  createSlackReporter,
  createWebhookReporter,
  type LiveContext,
  type LiveReporter,
  type MetricsReporter,
  type ReportContext,
} from '@simian/reporting';
import { ruleCatalogue } from './catalogue.js';
import { printPdf } from './chromium.js';
import { defaultRegistry } from './registry.js';

export interface GlobalOptions {
  config: string;
  /** `-o`: checked against the command's formats before its action runs (output.ts). */
  output?: string;
  outputFile?: string;
  logLevel?: string;
  logFormat?: 'json' | 'pretty' | 'auto';
}

export interface CommandContext {
  config: SimianConfig;
  registry: Registry;
  logger: Logger;
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

/** Finds the config file: --config, then $SIMIAN_CONFIG, then ./simian.yaml. */
export function configPath(option: string | undefined): string {
  const path = resolve(option ?? process.env.SIMIAN_CONFIG ?? 'simian.yaml');
  if (!existsSync(path)) {
    throw new SimianError('CONFIG_NOT_FOUND', `no config file at ${path}`, {
      hint: 'pass --config PATH, set SIMIAN_CONFIG, or start from deploy/examples/sandbox/simian.yaml (docs/configuration.md lists every key)',
    });
  }
  return path;
}

export function loadContext(
  opts: GlobalOptions,
  registry: Registry = defaultRegistry(),
): CommandContext {
  const config = loadConfigFile(configPath(opts.config), registry);
  const logger = createLogger({
    level: opts.logLevel ?? config.log.level,
    format: opts.logFormat ?? config.log.format,
    secrets: config.source.secrets,
  });
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
  const reporting = config.reporting;
  const providers = () => (sinkProviders ??= buildProviders(config, registry, logger));
  const liveContext = (label: string): LiveContext => ({
    logger,
    label,
    store: () => (store?.open ? store : undefined),
    providers,
    rules: ruleCatalogue,
    mutes: reporting.mutes,
    printPdf,
    baseDir: config.source.dir,
    faults: async () =>
      (await listFaults({ providers: providers(), signal: AbortSignal.timeout(30_000) })).found,
  });
  addReporters(
    reporting.webhooks.map((webhook, i) =>
      createWebhookReporter(webhook, liveContext(`reporting.webhooks[${i}]`)),
    ),
  );
  const addRunSinks = (options: { serve?: boolean } = {}) => {
    const sinks: LiveReporter[] = [];
    if (reporting.slack || reporting.owners) {
      sinks.push(
        createSlackReporter(
          {
            newFindingsAt: 'high',
            timeout: 5000,
            retries: 2,
            dryRuns: false,
            ...reporting.slack,
            ...(reporting.owners ? { owners: reporting.owners } : {}),
          },
          liveContext(reporting.slack ? 'reporting.slack' : 'reporting.owners'),
        ),
      );
    }
    if (reporting.files.length > 0) {
      sinks.push(createFilesReporter({ files: reporting.files }, liveContext('reporting.files')));
    }
    if (reporting.s3) sinks.push(createS3Reporter(reporting.s3, liveContext('reporting.s3')));
    if (reporting.clusterReports) {
      sinks.push(
        createClusterReportsReporter(
          reporting.clusterReports,
          liveContext('reporting.clusterReports'),
        ),
      );
    }
    let metrics: MetricsReporter | undefined;
    if (reporting.metrics) {
      const { pushgateway: _push, ...served } = reporting.metrics;
      metrics = createMetricsReporter(
        options.serve ? served : reporting.metrics,
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
    openStore: () => (store = new Store(resolve(config.source.dir, config.store.path))),
    reporters,
    addReporters,
    addRunSinks,
    liveContext,
    reportContext: () => ({ rules: ruleCatalogue(), mutes: reporting.mutes }),
    flushReporters: async () => {
      await Promise.all(reporters.map(async (r) => r.flush?.()));
      const opened = sinkProviders;
      sinkProviders = undefined;
      await Promise.all((opened ?? []).map(async (p) => p.close?.()));
    },
  };
}
