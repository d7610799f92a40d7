import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Logger, Registry, SimianConfig, Store } from '@simian/core';
import type { LiveReporter } from '@simian/reporting';
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
  /** Waits for what the live reporters are still delivering. */
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
  const [core, reporting, registry] = await Promise.all([
    import('@simian/core'),
    import('@simian/reporting'),
    options.registry ?? loadRegistry(),
  ]);
  const config = core.loadConfigFile(path, registry);
  const logger = core.createLogger({
    level: opts.logLevel ?? config.log.level,
    format: opts.logFormat ?? config.log.format,
    secrets: config.source.secrets,
  });
  const storePath = resolve(config.source.dir, config.store.path);
  const openStore = () => new core.Store(storePath);
  const reporters: LiveReporter[] = [];
  const addReporters = (more: LiveReporter[]) => {
    for (const r of more) {
      reporters.push(r);
      registry.registerReporter(r);
    }
  };
  addReporters(
    config.reporting.webhooks.map((webhook, i) =>
      reporting.createWebhookReporter(webhook, { logger, label: `reporting.webhooks[${i}]` }),
    ),
  );
  return {
    config,
    registry,
    logger,
    openStore,
    reporters,
    addReporters,
    flushReporters: async () => {
      await Promise.all(reporters.map(async (r) => r.flush?.()));
    },
  };
}
