import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  ApiException,
  CoreV1Api,
  KubernetesObjectApi,
  loadAllYaml,
  PatchStrategy,
  type KubeConfig,
  type KubernetesObject,
} from '@kubernetes/client-node';
import { SimianError, TargetError } from '@simian/core';
import { quiet, type ProgressLog } from './options.js';
import { waitUntil } from './wait.js';

/** The folder of the Kubernetes seed manifests (one file per namespace). */
export const kubernetesSeedDir = fileURLToPath(new URL('../seed/kubernetes/', import.meta.url));

/** The field manager the seed applies with. */
export const seedFieldManager = 'simian-sandbox';

/** One object of a seed manifest and the file it came from. */
export interface SeedObject {
  file: string;
  object: KubernetesObject & { metadata: { name: string; namespace?: string } };
}

/** `Kind namespace/name` of an object, for logs and errors. */
export const describeObject = ({ object }: SeedObject): string =>
  `${object.kind} ${object.metadata.namespace ? `${object.metadata.namespace}/` : ''}${object.metadata.name}`;

/** Every object in the `*.yaml` files of `dir`, in file order; each must have kind and name. */
export async function readSeedManifests(dir = kubernetesSeedDir): Promise<SeedObject[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.yaml')).sort();
  const objects: SeedObject[] = [];
  for (const name of files) {
    const file = join(dir, name);
    for (const doc of loadAllYaml(await readFile(file, 'utf8')) as (KubernetesObject | null)[]) {
      if (doc === null) continue;
      if (!doc.apiVersion || !doc.kind || !doc.metadata?.name) {
        throw new SimianError(
          'INPUT_INVALID',
          `${file}: every document needs apiVersion, kind and metadata.name`,
        );
      }
      objects.push({ file, object: doc as SeedObject['object'] });
    }
  }
  return objects;
}

/** Namespaces first, then other cluster-scoped objects, then the rest, each group in file order. */
export function applyOrder(objects: readonly SeedObject[]): SeedObject[] {
  const rank = ({ object }: SeedObject) =>
    object.kind === 'Namespace' ? 0 : object.metadata.namespace ? 2 : 1;
  return objects
    .map((o, i) => ({ o, i }))
    .sort((a, b) => rank(a.o) - rank(b.o) || a.i - b.i)
    .map(({ o }) => o);
}

/**
 * Server-side applies the seed objects (field manager `simian-sandbox`, forced, so a seed restores
 * what a test changed). Waits for each namespace's `default` ServiceAccount before applying
 * namespaced objects: pods are refused until the controller-manager has created it.
 */
export async function applySeedObjects(
  kc: KubeConfig,
  objects: readonly SeedObject[],
  log: ProgressLog = quiet,
): Promise<void> {
  const client = KubernetesObjectApi.makeApiClient(kc);
  const core = kc.makeApiClient(CoreV1Api);
  const ordered = applyOrder(objects);
  for (const item of ordered) {
    if (item.object.kind === 'Namespace') await apply(client, item);
  }
  const namespaces = [
    ...new Set(
      ordered.filter((o) => o.object.kind === 'Namespace').map((o) => o.object.metadata.name),
    ),
  ];
  await Promise.all(
    namespaces.map((namespace) =>
      waitUntil(
        async () => {
          try {
            await core.readNamespacedServiceAccount({ name: 'default', namespace });
            return true;
          } catch (error) {
            if (error instanceof ApiException && error.code === 404) return undefined;
            throw error;
          }
        },
        {
          what: `the default ServiceAccount of namespace ${namespace}`,
          hint: 'Is kube-controller-manager running? `simian sandbox status`',
          timeoutMs: 30_000,
        },
      ),
    ),
  );
  // Order no longer matters from here (controllers retry), so apply the rest at once.
  await Promise.all(
    ordered.filter((o) => o.object.kind !== 'Namespace').map((item) => apply(client, item)),
  );
  log(
    `seed: kubernetes: applied ${ordered.length} objects from ${new Set(ordered.map((o) => o.file)).size} files`,
  );
}

async function apply(client: KubernetesObjectApi, item: SeedObject): Promise<void> {
  try {
    await client.patch(
      item.object,
      undefined,
      undefined,
      seedFieldManager,
      true,
      PatchStrategy.ServerSideApply,
    );
  } catch (error) {
    const detail =
      error instanceof ApiException
        ? `${error.code}: ${bodyMessage(error.body)}`
        : (error as Error).message;
    throw new TargetError(`applying ${describeObject(item)} from ${item.file} failed (${detail})`, {
      cause: error,
    });
  }
}

function bodyMessage(body: unknown): string {
  if (typeof body === 'string') {
    try {
      return (JSON.parse(body) as { message?: string }).message ?? body;
    } catch {
      return body;
    }
  }
  return JSON.stringify(body);
}
