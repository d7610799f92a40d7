// The real CRDs of the report objects Simian writes: PolicyReport and ClusterPolicyReport
// (wgpolicyk8s.io, from Kyverno's module) and Report and ClusterReport (openreports.io), fetched
// through the Go module proxy (`go mod download -json`) and cached outside the clone by version,
// then applied to the sandbox. Until `simian sandbox up` installs them itself, tests that need
// them call installReportCrds() in beforeAll.
import { execFile } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';
import {
  ApiextensionsV1Api,
  KubeConfig,
  type V1CustomResourceDefinition,
} from '@kubernetes/client-node';
import { parseAllDocuments } from 'yaml';
import { waitFor } from './kubernetes.js';

const KYVERNO = 'github.com/kyverno/kyverno@v1.19.1';
const OPENREPORTS = 'github.com/openreports/reports-api@v0.2.1';
const FILES: Array<[module: string, path: string]> = [
  [KYVERNO, 'config/crds/policyreport/wgpolicyk8s.io_policyreports.yaml'],
  [KYVERNO, 'config/crds/policyreport/wgpolicyk8s.io_clusterpolicyreports.yaml'],
  [OPENREPORTS, 'config/crd/openreports.io_reports.yaml'],
  [OPENREPORTS, 'config/crd/openreports.io_clusterreports.yaml'],
];

function cacheDir(): string {
  const base =
    process.env['SIMIAN_CACHE_DIR'] ??
    join(process.env['XDG_CACHE_HOME'] ?? join(homedir(), '.cache'), 'simian');
  return join(base, `report-crds-kyverno-v1.19.1-openreports-v0.2.1`);
}

/** The CRD files, fetched once per machine (the module zips are large; the files are small). */
export async function reportCrdFiles(): Promise<string[]> {
  const dir = cacheDir();
  const done = join(dir, '.done');
  const files = FILES.map(([, path]) => join(dir, basename(path)));
  if (existsSync(done)) return files;
  mkdirSync(dir, { recursive: true });
  const work = mkdtempSync(join(tmpdir(), 'simian-crds-'));
  try {
    for (const module of new Set(FILES.map(([m]) => m))) {
      process.stderr.write(`[report-crds] go mod download ${module} (once per machine)...\n`);
      const { stdout } = await promisify(execFile)('go', ['mod', 'download', '-json', module], {
        cwd: work,
        env: { ...process.env, GOFLAGS: '' },
        maxBuffer: 16 * 1024 * 1024,
      });
      const moduleDir = (JSON.parse(stdout) as { Dir?: string }).Dir;
      if (!moduleDir) throw new Error(`go mod download printed no folder for ${module}: ${stdout}`);
      for (const [m, path] of FILES)
        if (m === module) copyFileSync(join(moduleDir, path), join(dir, basename(path)));
    }
    writeFileSync(done, '');
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return files;
}

/** Applies the report CRDs to the cluster of `kubeconfig` and waits until they are served. */
export async function installReportCrds(kubeconfig: string): Promise<string[]> {
  const kc = new KubeConfig();
  kc.loadFromFile(kubeconfig);
  const api = kc.makeApiClient(ApiextensionsV1Api);
  const names: string[] = [];
  for (const file of await reportCrdFiles()) {
    for (const doc of parseAllDocuments(readFileSync(file, 'utf8'))) {
      const crd = doc.toJS() as V1CustomResourceDefinition | null;
      if (!crd?.metadata?.name) continue;
      const name = crd.metadata.name;
      names.push(name);
      try {
        const current = await api.readCustomResourceDefinition({ name });
        await api.replaceCustomResourceDefinition({
          name,
          body: {
            ...crd,
            metadata: { ...crd.metadata, resourceVersion: current.metadata!.resourceVersion! },
          },
        });
      } catch (e) {
        if ((e as { code?: number }).code !== 404) throw e;
        await api.createCustomResourceDefinition({ body: crd });
      }
    }
  }
  for (const name of names) {
    await waitFor(`CRD ${name} to be established`, async () => {
      const crd = await api.readCustomResourceDefinition({ name });
      return crd.status?.conditions?.some((c) => c.type === 'Established' && c.status === 'True')
        ? true
        : undefined;
    });
  }
  return names;
}
