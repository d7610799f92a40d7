import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  createLogger,
  loadConfigFile,
  SimianError,
  Store,
  type Logger,
  type Registry,
  type SimianConfig,
} from '@simian/core';
import { createWebhookReporter, type LiveReporter } from '@simian/reporting';
import { defaultRegistry } from './registry.js';

export interface GlobalOptions {
  /** Unset unless given: configPath then falls back to $SIMIAN_CONFIG, then ./simian.yaml. */
  config?: string;
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
  /** Waits for what the live reporters are still delivering. */
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
  addReporters(
    config.reporting.webhooks.map((webhook, i) =>
      createWebhookReporter(webhook, { logger, label: `reporting.webhooks[${i}]` }),
    ),
  );
  return {
    config,
    registry,
    logger,
    openStore: () => new Store(resolve(config.source.dir, config.store.path)),
    reporters,
    addReporters,
    flushReporters: async () => {
      await Promise.all(reporters.map(async (r) => r.flush?.()));
    },
  };
}
