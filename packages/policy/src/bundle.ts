import { readFile } from 'node:fs/promises';
import { BundleError } from './errors.js';
import { type BundleManifest, type RuleMetadata, rulesFromManifest } from './rule-metadata.js';
import { readTarGz } from './tar.js';

/**
 * The package a bundle may define to union every family's violations, so that one wasm call per
 * batch evaluates all rules. Its entrypoint returns `[entrypoint, violation]` pairs.
 */
export const AGGREGATE_ENTRYPOINT = 'simian_aggregate/violations';

/**
 * The package of the per-monkey aggregates a bundle has when its rules belong to more than one
 * monkey: `simian_aggregate/monkey/<monkey>` unions that monkey's families, in the same
 * `[entrypoint, violation]` pairs, so each monkey evaluates only its own rules in one call.
 */
export const MONKEY_AGGREGATE_PACKAGE = 'simian_aggregate.monkey';

/** The entrypoint of one monkey's aggregate. */
export const monkeyAggregateEntrypoint = (monkey: string): string =>
  `${MONKEY_AGGREGATE_PACKAGE.replaceAll('.', '/')}/${monkey}`;

/** Whether an entrypoint is one of the generated aggregates rather than a rule family. */
export const isAggregateEntrypoint = (entrypoint: string): boolean =>
  entrypoint === AGGREGATE_ENTRYPOINT || entrypoint.startsWith('simian_aggregate/');

/** An OPA wasm bundle, read into memory. */
export interface PolicyBundle {
  /** Where it came from (a path, or `<bytes>`), for messages. */
  source: string;
  wasm: Uint8Array;
  /** The bundle's data.json (rule data; Simian adds `inventory` at evaluation). */
  data: Record<string, unknown>;
  manifest: BundleManifest;
  /** Entrypoints compiled into policy.wasm, from the manifest. */
  entrypoints: string[];
  /** Rule catalogue from the METADATA annotations in the manifest. */
  rules: RuleMetadata[];
  /** The manifest's revision; Simian's builds store `sha256:<hash of the Rego sources>` there. */
  revision: string | undefined;
}

/**
 * Reads an OPA wasm bundle (`opa build -t wasm`) from a `.tar.gz` path or its bytes: policy.wasm,
 * data.json, and the manifest with the entrypoints and their rules' METADATA.
 */
export async function loadBundle(pathOrBytes: string | Uint8Array): Promise<PolicyBundle> {
  const source = typeof pathOrBytes === 'string' ? pathOrBytes : '<bytes>';
  let bytes: Uint8Array;
  if (typeof pathOrBytes === 'string') {
    try {
      bytes = await readFile(pathOrBytes);
    } catch (cause) {
      throw new BundleError(`cannot read policy bundle ${pathOrBytes}`, { cause });
    }
  } else {
    bytes = pathOrBytes;
  }
  return parseBundle(bytes, source);
}

/** Like {@link loadBundle}, for bytes already in memory. */
export function parseBundle(bytes: Uint8Array, source = '<bytes>'): PolicyBundle {
  const files = readTarGz(bytes, source);
  const wasm = files.get('policy.wasm');
  if (!wasm) {
    throw new BundleError(`${source} has no policy.wasm`, {
      hint: 'build it as a wasm bundle: opa build -t wasm -e <package>/violations <dir>',
    });
  }
  const manifest = parseJson<BundleManifest>(files.get('.manifest'), `${source}/.manifest`) ?? {};
  const data = parseJson<Record<string, unknown>>(files.get('data.json'), `${source}/data.json`);
  return {
    source,
    wasm,
    data: data ?? {},
    manifest,
    entrypoints: (manifest.wasm ?? []).map((w) => w.entrypoint),
    rules: rulesFromManifest(manifest, source),
    revision: manifest.revision || undefined,
  };
}

function parseJson<T>(bytes: Uint8Array | undefined, name: string): T | undefined {
  if (!bytes) return undefined;
  try {
    return JSON.parse(new TextDecoder().decode(bytes)) as T;
  } catch (cause) {
    throw new BundleError(`${name} is not valid JSON`, { cause });
  }
}
