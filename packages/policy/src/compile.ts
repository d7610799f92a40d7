import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import {
  AGGREGATE_ENTRYPOINT,
  MONKEY_AGGREGATE_PACKAGE,
  type PolicyBundle,
  monkeyAggregateEntrypoint,
  parseBundle,
} from './bundle.js';
import { builtinPoliciesDir } from './builtin-policies.js';
import { PolicyBuildError } from './errors.js';
import { requireOpa, runOpa } from './opa-binary.js';
import { type PolicySource, collectPolicySources, hashPolicySources } from './policy-sources.js';
import { DEFAULT_RULE_MONKEY } from './rule-metadata.js';
import { monkeysOfRego } from './rule-monkeys.js';
import { wasmCapabilities } from './wasm-capabilities.js';

/** Options of {@link compileRegoDir}. */
export interface CompileOptions {
  /** The opa binary. @default found by `findOpa()` (SIMIAN_OPA, PATH, the toolchain cache) */
  opa?: string;
  /**
   * Add Simian's helper packages (`data.simian.lib.*`) when the Rego imports them and does not
   * define them itself. @default true
   */
  includeLib?: boolean;
}

/** A compiled bundle, with the bytes of its `.tar.gz` (to write to disk) and its source hash. */
export interface CompiledBundle {
  bundle: PolicyBundle;
  bytes: Uint8Array;
  /** sha256 of the Rego sources, also stored as the bundle revision. */
  sourcesHash: string;
}

/**
 * Compiles a directory of Rego into a wasm bundle with opa, in memory. Every package that defines
 * a rule named `violations` becomes an entrypoint, and a generated `simian_aggregate` package
 * unions them so one wasm call evaluates all rules. Only builtins that opa-wasm can evaluate are
 * allowed. Throws an `OpaNotFoundError` (with instructions) when opa is missing, and a
 * `PolicyBuildError` with opa's message when the Rego does not compile.
 */
export async function compileRegoDir(
  dir: string,
  options: CompileOptions = {},
): Promise<PolicyBundle> {
  return (await compileRego(dir, options)).bundle;
}

/** Like {@link compileRegoDir}, returning the bundle bytes and the source hash as well. */
export async function compileRego(
  dir: string,
  options: CompileOptions = {},
): Promise<CompiledBundle> {
  const root = resolve(dir);
  const opa = options.opa ?? requireOpa(`compiling the Rego in ${dir}`);
  const sources = await collectPolicySources(root);
  const sourcesHash = hashPolicySources(sources);
  const lib = options.includeLib === false ? [] : await libSources(sources);
  const entrypoints = sources
    .filter((s) => s.definesViolations && s.package !== undefined)
    .map((s) => `${(s.package as string).replaceAll('.', '/')}/violations`);
  const unique = [...new Set(entrypoints)].sort();
  if (unique.length === 0) {
    throw new PolicyBuildError(`no package in ${dir} defines a rule named violations`, {
      hint: 'each rule family is a package with `violations contains v if { ... }`; see docs/policies.md',
    });
  }

  // opa runs inside a staging copy, so the paths recorded in the bundle are relative and the
  // bytes do not depend on where the sources or the temp directory are.
  const work = await mkdtemp(join(tmpdir(), 'simian-rego-'));
  const stage = join(work, 'src');
  try {
    for (const s of [...sources, ...lib]) {
      await mkdir(dirname(join(stage, s.path)), { recursive: true });
      await writeFile(join(stage, s.path), s.text);
    }
    await writeFile(join(stage, 'simian_aggregate.rego'), aggregateModule(unique));
    const byMonkey = familiesByMonkey(sources);
    const monkeyEntrypoints: string[] = [];
    if (byMonkey.size > 1) {
      await writeFile(join(stage, 'simian_aggregate_monkey.rego'), monkeyAggregateModule(byMonkey));
      for (const monkey of [...byMonkey.keys()].sort()) {
        monkeyEntrypoints.push(monkeyAggregateEntrypoint(monkey));
      }
    }
    const caps = join(work, 'capabilities.json');
    await writeFile(caps, JSON.stringify(await wasmCapabilities(opa, stage)));
    const out = join(work, 'bundle.tar.gz');
    const args = ['build', '-t', 'wasm', '--capabilities', caps, '--revision', sourcesHash];
    for (const e of [...unique, AGGREGATE_ENTRYPOINT, ...monkeyEntrypoints]) args.push('-e', e);
    args.push('-o', out, ...topLevelEntries([...sources, ...lib]), 'simian_aggregate.rego');
    if (monkeyEntrypoints.length > 0) args.push('simian_aggregate_monkey.rego');
    await runOpa(opa, args, stage);
    const bytes = new Uint8Array(await readFile(out));
    return { bundle: parseBundle(bytes, dir), bytes, sourcesHash };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** `package simian_aggregate`: one partial set of `[entrypoint, violation]` over every family. */
function aggregateModule(entrypoints: string[]): string {
  const rules = entrypoints.map((e) => {
    const ref = `data.${e.slice(0, -'/violations'.length).replaceAll('/', '.')}.violations`;
    return `violations contains [${JSON.stringify(e)}, v] if {\n\tsome v in ${ref}\n}\n`;
  });
  return `# Generated by @simian/policy: evaluates every family in one call.\npackage simian_aggregate\n\n${rules.join('\n')}`;
}

/**
 * The entrypoints of each monkey's families: a family belongs to every monkey one of its rules
 * names (`custom.monkey`, conformity when none), so a monkey's aggregate covers all its rules.
 */
function familiesByMonkey(sources: PolicySource[]): Map<string, Set<string>> {
  const byMonkey = new Map<string, Set<string>>();
  for (const s of sources) {
    if (!s.definesViolations || s.package === undefined) continue;
    const entrypoint = `${s.package.replaceAll('.', '/')}/violations`;
    const monkeys = monkeysOfRego(s.text);
    if (monkeys.size === 0) monkeys.add(DEFAULT_RULE_MONKEY);
    for (const m of monkeys) {
      if (!/^[a-z][a-z0-9_]*$/.test(m)) {
        throw new PolicyBuildError(`${s.path}: custom.monkey "${m}" is not a lower-case name`, {
          hint: 'use letters, digits and _ (security, conformity)',
        });
      }
      if (!byMonkey.has(m)) byMonkey.set(m, new Set());
      byMonkey.get(m)!.add(entrypoint);
    }
  }
  return byMonkey;
}

/** `package simian_aggregate.monkey`: one partial set per monkey, over that monkey's families. */
function monkeyAggregateModule(byMonkey: Map<string, Set<string>>): string {
  const rules = [...byMonkey.keys()].sort().flatMap((monkey) =>
    [...byMonkey.get(monkey)!].sort().map((e) => {
      const ref = `data.${e.slice(0, -'/violations'.length).replaceAll('/', '.')}.violations`;
      return `${monkey} contains [${JSON.stringify(e)}, v] if {\n\tsome v in ${ref}\n}\n`;
    }),
  );
  return `# Generated by @simian/policy: evaluates one monkey's families in one call.\npackage ${MONKEY_AGGREGATE_PACKAGE}\n\n${rules.join('\n')}`;
}

/** Simian's helper packages, when the Rego imports them but does not bring its own copy. */
async function libSources(sources: PolicySource[]): Promise<PolicySource[]> {
  const definesLib = sources.some((s) => s.package?.startsWith('simian.lib'));
  const usesLib = sources.some((s) => s.text.includes('data.simian.lib'));
  const builtin = builtinPoliciesDir();
  if (definesLib || !usesLib || !builtin) return [];
  const lib = await collectPolicySources(join(builtin, 'lib'));
  return lib.map((s) => ({ ...s, path: `simian-lib/${s.path}` }));
}

function topLevelEntries(sources: PolicySource[]): string[] {
  return [...new Set(sources.map((s) => s.path.split('/')[0] as string))].sort();
}
