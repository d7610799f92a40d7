import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  ApiextensionsV1Api,
  loadAllYaml,
  type KubeConfig,
  type V1CustomResourceDefinition,
} from '@kubernetes/client-node';
import { SimianError } from '@simian/core';
import { quiet, type ProgressLog } from './options.js';
import { waitUntil } from './wait.js';

/**
 * The API groups whose real CRDs the sandbox installs (no controllers run for them): Chaos Mesh,
 * Istio, PolicyReport and OpenReports. The files come from the Go module proxy through
 * `toolchain/build.sh crds`, pinned in versions.env.
 */
export const sandboxCrdGroups = [
  'chaos-mesh.org',
  'networking.istio.io',
  'security.istio.io',
  'telemetry.istio.io',
  'extensions.istio.io',
  'wgpolicyk8s.io',
  'openreports.io',
] as const;

/** Every CustomResourceDefinition in the `*.yaml` files of `dir`. */
export async function readCrds(dir: string): Promise<V1CustomResourceDefinition[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.yaml')).sort();
  const crds: V1CustomResourceDefinition[] = [];
  for (const f of files) {
    const docs = loadAllYaml(await readFile(join(dir, f), 'utf8')) as Array<
      (V1CustomResourceDefinition & { kind?: string }) | null
    >;
    for (const doc of docs) if (doc?.kind === 'CustomResourceDefinition') crds.push(doc);
  }
  if (crds.length === 0) {
    throw new SimianError('INPUT_INVALID', `no CustomResourceDefinition in ${dir}`, {
      hint: 'rebuild the cache: rm -rf that folder and run `bash packages/sandbox/toolchain/build.sh crds`',
    });
  }
  return crds;
}

/**
 * Creates the CRDs of `dir` (one that exists already is left as it is) and waits until the API
 * server serves every one of them (`Established`).
 */
export async function installCrds(
  kc: KubeConfig,
  dir: string,
  options: { log?: ProgressLog; timeoutMs?: number } = {},
): Promise<string[]> {
  const log = options.log ?? quiet;
  const api = kc.makeApiClient(ApiextensionsV1Api);
  const crds = await readCrds(dir);
  // The CRDs carry status fields in some files; the server sets its own.
  await Promise.all(
    crds.map((crd) =>
      api
        .createCustomResourceDefinition({ body: { ...crd, status: undefined } })
        .catch((e: { code?: number }) => {
          if (e.code !== 409) throw e;
        }),
    ),
  );
  const names = crds.map((c) => c.metadata!.name!);
  await waitUntil(
    async () => {
      const list = await api.listCustomResourceDefinition();
      const established = new Set(
        list.items
          .filter((c) =>
            c.status?.conditions?.some((k) => k.type === 'Established' && k.status === 'True'),
          )
          .map((c) => c.metadata!.name!),
      );
      return names.every((n) => established.has(n)) ? true : undefined;
    },
    {
      what: `${names.length} CustomResourceDefinitions to be established`,
      timeoutMs: options.timeoutMs ?? 60_000,
    },
  );
  log(
    `crds: ${names.length} established (Chaos Mesh, Istio, PolicyReport, OpenReports; no controllers)`,
  );
  return names;
}
