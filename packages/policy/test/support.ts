// Shared by the unit tests in src/: paths to the fixtures and the real built-in bundle.
import { mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Resource } from '@simian/core';
import { onTestFinished } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { type PolicyBundle, loadBundle } from '../src/bundle.js';
import { builtinBundlePath } from '../src/builtin-policies.js';
import { PolicyEngine, type PolicyEngineOptions } from '../src/engine.js';
import { loadManifests } from '../src/manifests.js';

export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');

let builtin: Promise<PolicyBundle> | undefined;

/** The committed bundle, read once per test file. */
export function builtinBundle(): Promise<PolicyBundle> {
  builtin ??= loadBundle(builtinBundlePath());
  return builtin;
}

/** An engine over the committed bundle. */
export async function builtinEngine(
  options: Omit<PolicyEngineOptions, 'bundles'> = {},
): Promise<PolicyEngine> {
  return PolicyEngine.create({ ...options, bundles: [await builtinBundle()] });
}

/**
 * A fixture file as resources: Kubernetes manifests go through loadManifests; AWS fixtures are
 * YAML documents in Simian's Resource shape (they have a `provider` field).
 */
export async function loadFixture(path: string): Promise<Resource[]> {
  const docs = parseAllDocuments(await readFile(path, 'utf8'));
  const values = (Array.isArray(docs) ? docs : []).map(
    (d) => d.toJS() as Record<string, unknown> | null,
  );
  if (values.some((v) => v !== null && typeof v === 'object' && 'provider' in v)) {
    return values.filter((v): v is Record<string, unknown> => v !== null) as unknown as Resource[];
  }
  return loadManifests([path]);
}

/** A temporary directory, removed when the current test ends. Call it inside a test. */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `simian-${prefix}-`));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
