// Helpers for the chart's tests against the sandbox: helm from the tool cache, ServiceAccount
// tokens (TokenRequest), a kubeconfig that authenticates with one, and the RBAC bound to an account.
import { execFile, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CoreV1Api,
  KubeConfig,
  RbacAuthorizationV1Api,
  type V1PolicyRule,
} from '@kubernetes/client-node';
import { ensureTools } from '@simian/sandbox';
import { parseAllDocuments } from 'yaml';
import { ROOT, type CliResult } from '@simian/testing/cli';

/** The chart, from the repository root. */
export const CHART = 'deploy/helm/simian';

/** Runs helm from the tool cache (built from the Go module proxy, like the sandbox's binaries). */
export async function helmRunner(kubeconfig: string, cwd: string) {
  const { helm: bin } = await ensureTools(['helm']);
  return (args: string[]) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(
        join(bin, 'helm'),
        [...args, '--kubeconfig', kubeconfig],
        {
          cwd,
          maxBuffer: 32 * 1024 * 1024,
          env: {
            ...process.env,
            HELM_CACHE_HOME: join(cwd, '.simian/helm/cache'),
            HELM_CONFIG_HOME: join(cwd, '.simian/helm/config'),
            HELM_DATA_HOME: join(cwd, '.simian/helm/data'),
          },
        },
        (error, stdout, stderr) =>
          resolve({
            code: error ? Number((error as { code?: number }).code ?? 1) : 0,
            stdout,
            stderr,
          }),
      );
    });
}

/** A Kubernetes object as YAML gives it. */
export interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
  [field: string]: unknown;
}

/** The objects of a YAML stream (helm template / helm get manifest). */
export function manifests(text: string): Manifest[] {
  return parseAllDocuments(text)
    .map((d) => d.toJS() as Manifest | null)
    .filter((m): m is Manifest => m !== null && typeof m === 'object' && 'kind' in m);
}

/** A token of `serviceAccount` from the TokenRequest API, as a pod would get it. */
export async function serviceAccountToken(
  kc: KubeConfig,
  namespace: string,
  serviceAccount: string,
): Promise<string> {
  const core = kc.makeApiClient(CoreV1Api);
  const answer = await core.createNamespacedServiceAccountToken({
    name: serviceAccount,
    namespace,
    body: {
      apiVersion: 'authentication.k8s.io/v1',
      kind: 'TokenRequest',
      spec: { audiences: [], expirationSeconds: 3600 },
    },
  });
  return answer.status!.token;
}

/** Writes a kubeconfig that talks to the sandbox's API server as the bearer of `token`. */
export function tokenKubeconfig(admin: KubeConfig, token: string, file: string): string {
  const cluster = admin.getCurrentCluster()!;
  const ca = cluster.caData
    ? `certificate-authority-data: ${cluster.caData}`
    : `certificate-authority: ${cluster.caFile}`;
  writeFileSync(
    file,
    `apiVersion: v1
kind: Config
clusters:
  - name: sandbox
    cluster:
      server: ${cluster.server}
      ${ca}
users:
  - name: sa
    user:
      token: ${token}
contexts:
  - name: sa
    context: { cluster: sandbox, user: sa }
current-context: sa
`,
    { mode: 0o600 },
  );
  return file;
}

/** One Role or ClusterRole bound to an account, with its rules. */
export interface BoundRole {
  kind: 'Role' | 'ClusterRole';
  name: string;
  namespace?: string;
  rules: V1PolicyRule[];
}

/**
 * Every Role and ClusterRole of `objects` (a release's manifest) bound to ServiceAccount
 * `namespace/name`, as the API server has them now.
 */
export async function rolesBoundTo(
  kc: KubeConfig,
  objects: Manifest[],
  namespace: string,
  name: string,
): Promise<BoundRole[]> {
  const rbac = kc.makeApiClient(RbacAuthorizationV1Api);
  const out: BoundRole[] = [];
  for (const b of objects.filter(
    (o) => o.kind === 'RoleBinding' || o.kind === 'ClusterRoleBinding',
  )) {
    const subjects = (b.subjects ?? []) as Array<{
      kind: string;
      name: string;
      namespace?: string;
    }>;
    if (
      !subjects.some(
        (s) => s.kind === 'ServiceAccount' && s.name === name && s.namespace === namespace,
      )
    )
      continue;
    const ref = b.roleRef as { kind: 'Role' | 'ClusterRole'; name: string };
    const bindingNamespace = b.metadata.namespace ?? namespace;
    if (ref.kind === 'ClusterRole') {
      const role = await rbac.readClusterRole({ name: ref.name });
      out.push({ kind: 'ClusterRole', name: ref.name, rules: role.rules ?? [] });
    } else {
      const role = await rbac.readNamespacedRole({ name: ref.name, namespace: bindingNamespace });
      out.push({
        kind: 'Role',
        name: ref.name,
        namespace: bindingNamespace,
        rules: role.rules ?? [],
      });
    }
  }
  return out;
}

/**
 * Grants a new ServiceAccount `namespace/name` copies of `roles`, each copy named `name-...`,
 * without the rule `omit` (index into the flattened rules); returns a function that deletes what
 * it made.
 */
export async function grantCopies(
  kc: KubeConfig,
  namespace: string,
  name: string,
  roles: BoundRole[],
  omit: { role: number; rule: number } | undefined,
): Promise<() => Promise<void>> {
  const core = kc.makeApiClient(CoreV1Api);
  const rbac = kc.makeApiClient(RbacAuthorizationV1Api);
  const undo: Array<() => Promise<unknown>> = [];
  await core.createNamespacedServiceAccount({ namespace, body: { metadata: { name } } });
  undo.push(() => core.deleteNamespacedServiceAccount({ name, namespace }));
  const subject = [{ kind: 'ServiceAccount', name, namespace }];
  // The copies are independent objects: made at once, each role before its binding.
  await Promise.all(
    roles.map(async (role, i) => {
      const rules = role.rules.filter((_, j) => !(omit && omit.role === i && omit.rule === j));
      const copy = `${name}-${i}`;
      const roleRef = { apiGroup: 'rbac.authorization.k8s.io', kind: role.kind, name: copy };
      if (role.kind === 'ClusterRole') {
        await rbac.createClusterRole({ body: { metadata: { name: copy }, rules } });
        undo.push(() => rbac.deleteClusterRole({ name: copy }));
        await rbac.createClusterRoleBinding({
          body: { metadata: { name: copy }, roleRef, subjects: subject },
        });
        undo.push(() => rbac.deleteClusterRoleBinding({ name: copy }));
      } else {
        const ns = role.namespace!;
        await rbac.createNamespacedRole({
          namespace: ns,
          body: { metadata: { name: copy }, rules },
        });
        undo.push(() => rbac.deleteNamespacedRole({ name: copy, namespace: ns }));
        await rbac.createNamespacedRoleBinding({
          namespace: ns,
          body: { metadata: { name: copy }, roleRef, subjects: subject },
        });
        undo.push(() => rbac.deleteNamespacedRoleBinding({ name: copy, namespace: ns }));
      }
    }),
  );
  return async () => {
    await Promise.all(undo.map((u) => u().catch(() => undefined)));
  };
}

/**
 * `simian ARGS` from the built CLI (packages/cli/bin/simian.js, the image's entry point), as the
 * pods run it; `npm test` builds first. Many runs here, so without tsx's start-up cost.
 */
export function simianBuilt(
  args: string[],
  cwd: string,
  env: Record<string, string> = {},
): Promise<CliResult> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', ...env };
  if (!('SIMIAN_CONFIG' in env)) delete childEnv.SIMIAN_CONFIG;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(ROOT, 'packages/cli/bin/simian.js'), ...args], {
      cwd,
      env: childEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
