import { resolve } from 'node:path';
import { type PolicyBundle, loadBundle } from './bundle.js';
import { builtinBundlePath } from './builtin-policies.js';
import { type CompileOptions, compileRegoDir } from './compile.js';
import { PolicyEngine } from './engine.js';
import { type PolicyConfigInput, policyConfigSchema } from './policy-config.js';
import { DEFAULT_RULE_MONKEY } from './rule-metadata.js';

/** Options of {@link createPolicyEngine}. */
export interface CreatePolicyEngineOptions {
  /** Relative bundle and Rego paths are resolved against this (the config file's directory). @default process.cwd() */
  baseDir?: string;
  /**
   * The monkey the engine serves: it evaluates that monkey's rules only (METADATA
   * `custom.monkey`), and findings are attributed to it. @default "conformity"
   */
  monkey?: string;
  /** Passed to {@link compileRegoDir} for `regoDirs`. */
  compile?: CompileOptions;
}

/**
 * Builds a {@link PolicyEngine} from the `policy` config section: the built-in bundle (unless
 * `builtin: false`), each bundle in `bundles`, and each directory in `regoDirs` compiled with opa.
 */
export async function createPolicyEngine(
  config: PolicyConfigInput = {},
  options: CreatePolicyEngineOptions = {},
): Promise<PolicyEngine> {
  const c = policyConfigSchema.parse(config);
  const base = options.baseDir ?? process.cwd();
  const bundles: PolicyBundle[] = [];
  if (c.builtin) bundles.push(await loadBundle(builtinBundlePath()));
  for (const path of c.bundles) bundles.push(await loadBundle(resolve(base, path)));
  for (const dir of c.regoDirs)
    bundles.push(await compileRegoDir(resolve(base, dir), options.compile));
  return PolicyEngine.create({
    bundles,
    monkey: options.monkey ?? DEFAULT_RULE_MONKEY,
    forMonkey: options.monkey ?? DEFAULT_RULE_MONKEY,
    rules: c.rules,
    params: c.params,
    waivers: c.waivers,
    allowAnnotationWaivers: c.allowAnnotationWaivers,
    batchSize: c.batchSize,
  });
}
