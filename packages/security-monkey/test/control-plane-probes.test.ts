// The Kubernetes probes against real control-plane processes: the sandbox's own API server
// (anonymous requests refused: no finding) and etcd (plain HTTP on loopback: a finding, and a
// true one), a second etcd that demands client certificates (no finding), and a second API
// server with anonymous authentication and a binding for system:anonymous (a finding, which
// also confirms the binding's RBAC finding).
import { join } from 'node:path';
import { KubeConfig, RbacAuthorizationV1Api } from '@kubernetes/client-node';
import { readSandboxState, sandboxPaths } from '@simian/sandbox';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { runProbes, targetFromUrl, type ProbeOptions } from '../src/index.js';
import { startAnonymousApiserver, startTlsEtcd, type TestProcess } from './control-plane.js';
import { findingsOf, runSecurity, securityConfig } from './support.js';

const cwd = inject('sandboxCwd');
const started: TestProcess[] = [];
let caFile: string;

beforeAll(() => {
  caFile = join(sandboxPaths(cwd).pki, 'ca.crt');
});
afterAll(() => Promise.all(started.map((p) => p.stop())));

const options = (): ProbeOptions => ({
  limits: { concurrency: 8, perEndpointRate: 0 },
  timeoutMs: 5000,
  maxBodyBytes: 65536,
  tls: { expiryHighDays: 30, expiryWarnDays: 60 },
});
const loopback = (url: string) =>
  targetFromUrl(url, { allow: { addresses: ['127.0.0.1'], names: [] }, source: 'config' });

describe('probes of the control plane', () => {
  it("finds nothing when the sandbox's API server refuses anonymous requests", async () => {
    const state = await readSandboxState({ cwd });
    const run = await runProbes([loopback(state!.apiserverUrl)], options());
    expect(run.targets[0]).toMatchObject({ reachable: true, identified: 'kube-apiserver' });
    expect(run.targets[0]?.answers).toContainEqual({
      path: '/api/v1/namespaces?limit=1',
      status: 403,
    });
    expect(run.findings.map((f) => f.ruleId)).not.toContain('SEC-EXPOSE-010');
  });

  it("finds the sandbox's etcd answering without a client certificate (it listens on plain HTTP)", async () => {
    const state = await readSandboxState({ cwd });
    const run = await runProbes(
      [loopback(`http://127.0.0.1:${state!.ports.etcdClient}`)],
      options(),
    );
    expect(run.targets[0]?.identified).toBe('etcd');
    expect(run.findings.find((f) => f.ruleId === 'SEC-EXPOSE-009')).toMatchObject({
      severity: 'critical',
      evidence: { path: '/version', status: 200, excerpt: expect.stringContaining('etcdserver') },
    });
  });

  it('finds nothing when etcd demands a client certificate', async () => {
    const etcd = await startTlsEtcd(cwd);
    started.push(etcd);
    const run = await runProbes([loopback(`https://127.0.0.1:${etcd.port}`)], {
      ...options(),
      tls: {
        ...options().tls,
        extraCa: [await import('node:fs/promises').then((fs) => fs.readFile(caFile, 'utf8'))],
      },
    });
    expect(run.targets[0]?.reachable).toBe(true);
    expect(run.targets[0]?.identified).toBeUndefined();
    expect(run.findings.map((f) => f.ruleId)).not.toContain('SEC-EXPOSE-009');
  });

  it('finds an API server that answers system:anonymous, and confirms the binding behind it', async () => {
    const apiserver = await startAnonymousApiserver(cwd);
    started.push(apiserver);
    const kc = new KubeConfig();
    kc.loadFromFile(apiserver.kubeconfig);
    const rbac = kc.makeApiClient(RbacAuthorizationV1Api);
    // Not `view`: it is an aggregated role, filled by a controller-manager this server lacks.
    await rbac.createClusterRole({
      body: {
        metadata: { name: 'namespace-lister' },
        rules: [{ apiGroups: [''], resources: ['namespaces'], verbs: ['get', 'list'] }],
      },
    });
    await rbac.createClusterRoleBinding({
      body: {
        metadata: { name: 'anonymous-view' },
        roleRef: {
          apiGroup: 'rbac.authorization.k8s.io',
          kind: 'ClusterRole',
          name: 'namespace-lister',
        },
        subjects: [
          { apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'system:anonymous' },
        ],
      },
    });
    const url = `https://127.0.0.1:${apiserver.port}`;
    const config = securityConfig(
      `  kubernetes:\n    - kubeconfig: ${apiserver.kubeconfig}`,
      [
        'probes:',
        '  networks: [127.0.0.0/8]',
        '  discover: { kubelets: false }',
        `  targets: [{ url: "${url}", context: ${apiserver.context} }]`,
        `  tls: { extraCaFiles: [${caFile}] }`,
      ].join('\n'),
    );
    const result = await runSecurity(config);
    const findings = findingsOf(result);
    const anonymous = findings.find((f) => f.ruleId === 'SEC-EXPOSE-010');
    expect(anonymous).toMatchObject({
      severity: 'critical',
      resource: { kind: 'Endpoint', name: url },
      evidence: { path: '/api/v1/namespaces?limit=1', status: 200 },
    });
    const binding = findings.find(
      (f) => f.ruleId === 'K8S-RBAC-006' && f.resource.name === 'anonymous-view',
    );
    expect(binding?.confirmed).toMatchObject({ endpoint: url });
    expect(binding?.confirmed?.detail).toContain(
      'lists namespaces for a request without credentials',
    );
  });
});
