import { readFile } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { actionResource, SimianError, type ActionOutcome, type Resource } from '@simian/core';
import { parse as parseYaml } from 'yaml';
import type { ChaosActivityContext } from './activity-targets.js';
import { experimentAction, executeOne, kubeRef, kubeTargets } from './kube-object.js';
import { manifestKind } from './manifest.js';

// What the chaosk8s create/delete/scale functions share: read a spec file as chaostoolkit-kubernetes
// does, create an object from its manifest, and act on objects found by name or label selector,
// each change through the executor (ledger, kill switch, scope, protected, opt-out, dry-run).

type Dict = Record<string, unknown>;

/**
 * A `spec_path` file, as chaostoolkit-kubernetes reads it: JSON for `.json`, YAML for `.yml` and
 * `.yaml` (relative to the working directory); any other extension is an error.
 */
export async function readSpecFile(fn: string, specPath: string): Promise<Dict> {
  const path = resolve(specPath);
  const ext = extname(path).toLowerCase();
  if (!['.json', '.yaml', '.yml'].includes(ext)) {
    throw new SimianError('INPUT_INVALID', `${fn}: cannot process ${specPath}`, {
      hint: 'spec_path must end in .json, .yaml or .yml, as chaostoolkit-kubernetes expects',
    });
  }
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new SimianError('INPUT_INVALID', `${fn}: cannot read ${path}: ${(e as Error).message}`, {
      hint: 'spec_path is read relative to the working directory',
    });
  }
  const value: unknown = ext === '.json' ? JSON.parse(text) : parseYaml(text);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new SimianError('INPUT_INVALID', `${fn}: ${path} does not hold one object`);
  }
  return value as Dict;
}

/** The resource an action on a not-yet-existing object describes (for `create`). */
export function describedResource(
  context: ChaosActivityContext,
  fn: string,
  kind: string,
  name: string,
  ns: string | undefined,
  labels: Record<string, string> = {},
): Resource {
  const { targets, scope } = kubeTargets(context, fn);
  return {
    ref: kubeRef(targets, scope, ns, kind, name),
    provider: 'kubernetes',
    kind,
    name,
    ...(ns !== undefined ? { namespace: ns } : {}),
    context: scope,
    labels,
  } as Resource;
}

/**
 * Creates `object` (its apiVersion, kind and metadata.name decide what it is) in `ns` (or cluster
 * wide when `namespaced` is false) through the executor's `create` verb. Returns the ref.
 */
export async function createFromManifest(
  fn: string,
  context: ChaosActivityContext,
  object: Dict,
  ns: string | undefined,
): Promise<{ created: string; outcome: ActionOutcome }> {
  const { targets } = kubeTargets(context, fn);
  const metadata = (object.metadata ?? {}) as { name?: unknown; labels?: unknown };
  const { apiVersion, kind } = object;
  if (typeof apiVersion !== 'string' || typeof kind !== 'string') {
    throw new SimianError('INPUT_INVALID', `${fn}: the object has no apiVersion or kind`);
  }
  if (typeof metadata.name !== 'string') {
    throw new SimianError('INPUT_INVALID', `${fn}: the object has no metadata.name`, {
      hint: 'Simian creates objects by name (generateName is not supported)',
    });
  }
  const simianKind = manifestKind(apiVersion, kind);
  const resource = describedResource(
    context,
    fn,
    simianKind,
    metadata.name,
    ns,
    (metadata.labels ?? {}) as Record<string, string>,
  );
  const body = ns === undefined ? object : { ...object, metadata: { ...metadata, namespace: ns } };
  const outcome = await executeOne(
    fn,
    targets,
    experimentAction(fn, context, resource, 'create', { object: body }),
  );
  return { created: resource.ref, outcome };
}

/**
 * The objects of `kind` in `ns` named `name` and/or carrying `labelSelector` (every one of the
 * namespace when neither is given), freshly listed.
 */
export async function findObjects(
  fn: string,
  context: ChaosActivityContext,
  kind: string,
  ns: string | undefined,
  name: string | null | undefined,
  labelSelector: string | null | undefined,
): Promise<Resource[]> {
  const { targets, scope } = kubeTargets(context, fn);
  const listed = await targets.inventory.provider('kubernetes').list(kind, scope, {
    signal: context.signal,
    ...(ns !== undefined ? { namespace: ns } : {}),
    ...(labelSelector ? { labelSelector } : {}),
  });
  return listed.filter(
    (r) => (ns === undefined || r.namespace === ns) && (!name || r.name === name),
  );
}

/** Runs `verb` on each resource through the executor; returns the names, in order. */
export async function actOnEach(
  fn: string,
  context: ChaosActivityContext,
  resources: Resource[],
  verb: string,
  params: Dict = {},
): Promise<string[]> {
  const { targets } = kubeTargets(context, fn);
  const done: string[] = [];
  for (const r of resources) {
    await executeOne(fn, targets, experimentAction(fn, context, actionResource(r), verb, params));
    done.push(r.name);
  }
  return done;
}

/** Deletes objects by name or selector; chaostoolkit-kubernetes deletes what matches, even none. */
export async function deleteMatching(
  fn: string,
  context: ChaosActivityContext,
  kind: string,
  args: { name?: string | null; ns: string; label_selector?: string | null },
): Promise<string[]> {
  const found = await findObjects(fn, context, kind, args.ns, args.name, args.label_selector);
  return actOnEach(fn, context, found, 'delete', { propagationPolicy: 'Background' });
}
