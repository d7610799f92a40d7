import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));

/**
 * The directory of Simian's own Rego (`policies/` at the repository root), or a copy shipped inside
 * the published package (`<package>/policies`). Undefined when neither exists.
 */
export function builtinPoliciesDir(): string | undefined {
  for (const candidate of [
    join(here, '..', 'policies'),
    join(here, '..', '..', '..', 'policies'),
  ]) {
    if (existsSync(join(candidate, 'bundle', 'bundle.tar.gz'))) return candidate;
  }
  return undefined;
}

/** Path of the committed built-in bundle, `policies/bundle/bundle.tar.gz`. */
export function builtinBundlePath(): string {
  const dir = builtinPoliciesDir();
  return join(dir ?? join(here, '..', '..', '..', 'policies'), 'bundle', 'bundle.tar.gz');
}
