import { createHash } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { readInputFile, whyUnreadable } from '@simian/core';
import { PolicyBuildError } from './errors.js';
import { join, relative, sep } from 'node:path';

/** One file that goes into a bundle: Rego (tests excluded) or a data.json / data.yaml. */
export interface PolicySource {
  /** Path relative to the directory it was found in, with `/` separators. */
  path: string;
  /** File content, line endings normalised to `\n` so a Windows checkout hashes the same. */
  text: string;
  /** The Rego `package`, for Rego files. */
  package?: string;
  /** Whether the Rego file defines a rule named `violations` (an entrypoint). */
  definesViolations: boolean;
}

const DATA_FILES = new Set(['data.json', 'data.yaml', 'data.yml']);

/**
 * Collects the files of a Rego directory that a bundle is built from, sorted by path:
 * `*.rego` except `*_test.rego`, plus `data.json`/`data.yaml`. Other JSON and YAML files are left
 * out on purpose: opa would load them as data.
 */
export async function collectPolicySources(dir: string): Promise<PolicySource[]> {
  const sources: PolicySource[] = [];
  for (const file of await walk(dir)) {
    const name = file.slice(file.lastIndexOf(sep) + 1);
    const isRego = name.endsWith('.rego') && !name.endsWith('_test.rego');
    if (!isRego && !DATA_FILES.has(name)) continue;
    const text = readInputFile(file, { what: 'Rego source' }).replace(/\r\n/g, '\n');
    const path = relative(dir, file).split(sep).join('/');
    const pkg = isRego ? /^package\s+([A-Za-z_][\w.]*)/m.exec(text)?.[1] : undefined;
    sources.push({
      path,
      text,
      ...(pkg === undefined ? {} : { package: pkg }),
      definesViolations: isRego && /^violations\s+(contains|if|:=|=|\[|\{)/m.test(text),
    });
  }
  return sources.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/**
 * A sha256 over the bundle's source files (paths and contents). Simian's builds store it as the
 * bundle revision, so a test can tell a bundle that is older than its Rego after a git clone,
 * where file times mean nothing.
 */
export function hashPolicySources(sources: PolicySource[]): string {
  const hash = createHash('sha256');
  for (const s of sources) hash.update(`${s.path}\0${s.text}\0`);
  return `sha256:${hash.digest('hex')}`;
}

async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (cause) {
    throw new PolicyBuildError(`Rego directory ${dir}: ${whyUnreadable(cause)}`, {
      cause,
      hint: 'check the path given with --rego or in policy.regoDirs',
    });
  }
  for (const entry of entries) {
    if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
    const full = join(dir, entry.name);
    if (entry.isDirectory()) for (const f of await walk(full)) out.push(f);
    else if (entry.isFile()) out.push(full);
  }
  return out;
}
