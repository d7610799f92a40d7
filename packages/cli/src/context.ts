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
import { defaultRegistry } from './registry.js';

export interface GlobalOptions {
  config: string;
  output: 'table' | 'json' | 'junit' | 'sarif';
  logLevel?: string;
  logFormat?: 'json' | 'pretty' | 'auto';
}

export interface CommandContext {
  config: SimianConfig;
  registry: Registry;
  logger: Logger;
  openStore(): Store;
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
  return {
    config,
    registry,
    logger,
    openStore: () => new Store(resolve(config.source.dir, config.store.path)),
  };
}
