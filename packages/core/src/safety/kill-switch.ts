import { existsSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import type { SimianConfig } from '../config/schema.js';
import type { Provider } from '../provider.js';

/**
 * Why the kill switch is engaged, or undefined. Checked at the start of a run and again before
 * every action, so flipping it stops a run between two actions.
 */
export async function killSwitchReason(
  config: Pick<SimianConfig, 'safety' | 'source'>,
  providers: Provider[] = [],
  env: NodeJS.ProcessEnv = process.env,
): Promise<string | undefined> {
  const { env: envName, file } = config.safety.killSwitch;
  const value = env[envName];
  if (value !== undefined && !['', '0', 'false', 'no', 'off'].includes(value.toLowerCase())) {
    return `environment variable ${envName}=${value}`;
  }
  const path = isAbsolute(file) ? file : join(config.source.dir, file);
  if (existsSync(path)) return `file ${path} exists`;
  for (const p of providers) {
    // A provider that cannot tell whether its switch is on counts as on: fail closed.
    try {
      const reason = await p.killSwitch?.();
      if (reason) return `${p.name}: ${reason}`;
    } catch (e) {
      return `${p.name}: could not read the kill switch (${(e as Error).message})`;
    }
  }
  return undefined;
}
