import type { SimianConfig } from '../config/schema.js';
import type { Logger } from '../logger.js';
import type { Provider } from '../provider.js';
import type { Registry } from '../registry.js';

/** Creates a provider for each `targets.<name>` section that a registered provider serves. */
export function buildProviders(
  config: SimianConfig,
  registry: Registry,
  logger: Logger,
): Provider[] {
  const out: Provider[] = [];
  for (const factory of registry.providers()) {
    const target = config.targets[factory.name];
    if (target === undefined) continue;
    out.push(
      factory.create(target as never, {
        logger: logger.child({ provider: factory.name }),
        configDir: config.source.dir,
        inventory: config.inventory,
      }),
    );
  }
  return out;
}
