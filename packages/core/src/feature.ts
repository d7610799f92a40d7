import type { Registry } from './registry.js';

/**
 * One package's registration entry (Backstage's `register()`, Chaos Mesh's one line in `fx.go`):
 * everything the package contributes (monkeys, providers with their kinds and verbs, experiment
 * activities) is registered here, and the CLI lists features one line each. A package adds a
 * feature by exporting one from its index; the CLI registers it with one line.
 */
export interface Feature {
  /** The package's name without its scope: `chaos-monkey`. */
  readonly name: string;
  /** One line: what the package adds. */
  readonly description: string;
  register(registry: Registry): void;
}

/** Declares a feature (a typed identity, so a package's index reads as what it contributes). */
export const defineFeature = (feature: Feature): Feature => feature;
