import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { runOpa } from './opa-binary.js';

/**
 * Compile-time builtins: the compiler replaces these calls by constants, so wasm needs no
 * implementation of them.
 */
const COMPILE_TIME_BUILTINS = new Set(['rego.metadata.rule', 'rego.metadata.chain']);

interface Capabilities {
  builtins: Array<{ name: string }>;
  [key: string]: unknown;
}

/**
 * Capabilities for `opa build --capabilities`: the language features of the opa in use, but only
 * the builtins that @open-policy-agent/opa-wasm can evaluate (those compiled into wasm, plus the
 * few it implements in JavaScript, such as sprintf). A rule that calls anything else fails at
 * build time instead of throwing at evaluation.
 */
export async function wasmCapabilities(opa: string, cwd: string): Promise<Capabilities> {
  const current = JSON.parse(await runOpa(opa, ['capabilities', '--current'], cwd)) as Capabilities;
  const sdkPath = join(
    dirname(createRequire(import.meta.url).resolve('@open-policy-agent/opa-wasm')),
    '..',
    'capabilities.json',
  );
  const sdk = JSON.parse(await readFile(sdkPath, 'utf8')) as Capabilities;
  const compileTime = current.builtins.filter((b) => COMPILE_TIME_BUILTINS.has(b.name));
  return {
    ...current,
    builtins: [...sdk.builtins, ...compileTime],
    wasm_abi_versions: sdk['wasm_abi_versions'],
  };
}
