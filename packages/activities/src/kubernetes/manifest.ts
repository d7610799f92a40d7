import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { SimianError } from '@simian/core';
import { parseAllDocuments } from 'yaml';
import { z } from 'zod';

/** The arguments `simian.kubernetes.apply_manifest` and `delete_manifest` share. */
export const manifestArgumentsSchema = z
  .strictObject({
    /** A YAML file with one or more documents (relative to the working directory). */
    path: z.string().min(1).nullish(),
    /** The manifest inline: one object, or a list of them. */
    manifest: z
      .union([z.record(z.string(), z.unknown()), z.array(z.record(z.string(), z.unknown()))])
      .nullish(),
    /** The namespace of objects whose manifest names none. @default "default" */
    ns: z.string().min(1).default('default'),
  })
  .refine((a) => (a.path == null) !== (a.manifest == null), {
    message: 'give exactly one of path and manifest',
  });
export type ManifestArguments = z.infer<typeof manifestArgumentsSchema>;

/** One object of a manifest, with the ref Simian addresses it by. */
export interface ManifestObject {
  ref: string;
  apiVersion: string;
  /** The kind as Simian names it (see {@link manifestKind}). */
  kind: string;
  name: string;
  namespace: string;
  labels: Record<string, string>;
  object: Record<string, unknown>;
}

/**
 * The kind of `apiVersion`/`kind` as Simian names it: the kind alone for built-in API groups (the
 * core group, `apps`, `batch`, `*.k8s.io`), `group/version/Kind` for custom resources.
 */
export function manifestKind(apiVersion: string, kind: string): string {
  const slash = apiVersion.indexOf('/');
  if (slash < 0) return kind;
  const group = apiVersion.slice(0, slash);
  return !group.includes('.') || group.endsWith('.k8s.io') ? kind : `${apiVersion}/${kind}`;
}

/** Builds the ref of a manifest's object (the provider's `ref`, in the activity's context). */
export type ManifestRef = (object: { kind: string; namespace: string; name: string }) => string;

async function documentsOf(fn: string, args: ManifestArguments): Promise<unknown[]> {
  if (args.manifest != null) return Array.isArray(args.manifest) ? args.manifest : [args.manifest];
  const path = resolve(args.path!);
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new SimianError(
      'INPUT_INVALID',
      `${fn}: cannot read ${path}: ${(error as Error).message}`,
      {
        hint: 'path is read relative to the working directory',
      },
    );
  }
  return parseAllDocuments(text).flatMap((doc) => {
    if (!('errors' in doc) || doc.errors.length > 0) {
      const why = 'errors' in doc ? doc.errors[0]?.message : 'not a YAML document';
      throw new SimianError('INPUT_INVALID', `${fn}: ${path} is not valid YAML: ${why}`);
    }
    const value: unknown = doc.toJS();
    return value == null ? [] : [value];
  });
}

/** The objects of the manifest `args` names, in order, each with the ref `refOf` builds. */
export async function manifestObjects(
  fn: string,
  args: ManifestArguments,
  refOf: ManifestRef,
): Promise<ManifestObject[]> {
  const docs = await documentsOf(fn, args);
  if (docs.length === 0) {
    throw new SimianError('INPUT_INVALID', `${fn}: the manifest has no objects`);
  }
  return docs.map((doc, index) => {
    const object = (doc ?? {}) as Record<string, unknown>;
    const metadata = (object.metadata ?? {}) as {
      name?: unknown;
      namespace?: unknown;
      labels?: unknown;
    };
    const { apiVersion, kind } = object;
    const name = metadata.name;
    if (typeof apiVersion !== 'string' || typeof kind !== 'string' || typeof name !== 'string') {
      throw new SimianError(
        'INPUT_INVALID',
        `${fn}: object ${index + 1} of the manifest has no apiVersion, kind or metadata.name`,
        { hint: 'every object needs apiVersion, kind and metadata.name' },
      );
    }
    const namespace = typeof metadata.namespace === 'string' ? metadata.namespace : args.ns;
    const simianKind = manifestKind(apiVersion, kind);
    return {
      ref: refOf({ kind: simianKind, namespace, name }),
      apiVersion,
      kind: simianKind,
      name,
      namespace,
      labels: (metadata.labels ?? {}) as Record<string, string>,
      object: { ...object, metadata: { ...metadata, namespace } },
    };
  });
}
