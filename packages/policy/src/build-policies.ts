/**
 * Builds Simian's own rules: `policies/` → `policies/bundle/bundle.tar.gz` (committed, so users
 * need no opa) and `policies/bundle/rules.json` (the rule catalogue, for people and docs).
 *
 *   tsx packages/policy/src/build-policies.ts [policies-dir]          build
 *   tsx packages/policy/src/build-policies.ts --check [policies-dir]  exit 1 when the bundle is stale
 *
 * `policies/build.sh` runs this with the toolchain's opa.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { isSimianError } from '@simian/core';
import { loadBundle } from './bundle.js';
import { builtinPoliciesDir } from './builtin-policies.js';
import { compileRego } from './compile.js';
import { collectPolicySources, hashPolicySources } from './policy-sources.js';

/** Builds the bundle and the catalogue of the Rego in `dir` into `dir/bundle/`. */
export async function buildPolicies(dir: string): Promise<{ rules: number; revision: string }> {
  const { bundle, bytes, sourcesHash } = await compileRego(dir);
  const out = join(dir, 'bundle');
  await mkdir(out, { recursive: true });
  await writeFile(join(out, 'bundle.tar.gz'), bytes);
  const catalogue = { sourcesSha256: sourcesHash, rules: bundle.rules };
  await writeFile(join(out, 'rules.json'), `${JSON.stringify(catalogue, null, 2)}\n`);
  return { rules: bundle.rules.length, revision: sourcesHash };
}

/** Whether `dir/bundle/bundle.tar.gz` was built from the Rego that is in `dir` now. */
export async function policiesAreFresh(
  dir: string,
): Promise<{ fresh: boolean; expected: string; found: string | undefined }> {
  const expected = hashPolicySources(await collectPolicySources(dir));
  const found = (await loadBundle(join(dir, 'bundle', 'bundle.tar.gz'))).revision;
  return { fresh: found === expected, expected, found };
}

async function main(argv: string[]): Promise<number> {
  const check = argv.includes('--check');
  const dirArg = argv.find((a) => !a.startsWith('--'));
  const dir = resolve(dirArg ?? builtinPoliciesDir() ?? 'policies');
  if (check) {
    const { fresh, expected, found } = await policiesAreFresh(dir);
    console.log(
      fresh
        ? `${dir}/bundle is up to date`
        : `${dir}/bundle is stale: built from ${found}, sources are ${expected}; run policies/build.sh`,
    );
    return fresh ? 0 : 1;
  }
  const t0 = Date.now();
  const { rules, revision } = await buildPolicies(dir);
  console.log(
    `built ${dir}/bundle/bundle.tar.gz: ${rules} rules, revision ${revision} (${Date.now() - t0} ms)`,
  );
  return 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(isSimianError(error) ? error.describe() : error);
      process.exit(1);
    },
  );
}
