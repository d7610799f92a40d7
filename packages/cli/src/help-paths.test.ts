import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// A --help example or an error hint that names a file of the repository sends a user there: the
// file must exist. (Two once named files that were never written.)
const root = fileURLToPath(new URL('../../../', import.meta.url));
const sourceDir = fileURLToPath(new URL('.', import.meta.url));
const PATH =
  /\b(?:deploy|docs|packages|policies|test)\/[A-Za-z0-9_./-]+\.(?:ya?ml|md|json|ts|rego)\b/g;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? sources(join(dir, e.name))
      : e.name.endsWith('.ts') && !e.name.endsWith('.test.ts')
        ? [join(dir, e.name)]
        : [],
  );
}

describe('paths the CLI names', () => {
  it('exist in the repository (placeholders such as rbac-MONKEY.yaml aside)', () => {
    const named = new Set(
      sources(sourceDir).flatMap((f) => readFileSync(f, 'utf8').match(PATH) ?? []),
    );
    expect(named.size).toBeGreaterThan(3);
    const missing = [...named].filter((p) => !/[A-Z]{3,}/.test(p) && !existsSync(join(root, p)));
    expect(missing).toEqual([]);
  });
});
