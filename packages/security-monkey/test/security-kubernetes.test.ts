// The security monkey against the sandbox's real kube-apiserver, with the seed applied: the
// debug-shell pod (privileged, hostPID) the issue asks to see flagged, and what Kubernetes keeps
// itself (system: roles and bindings) left alone.
import { describe, expect, inject, it } from 'vitest';
import { findingsOf, named, runSecurity, securityConfig } from './support.js';

const kubeconfig = inject('sandboxKubeconfig');
const config = () =>
  securityConfig(
    `  kubernetes:\n    - kubeconfig: ${kubeconfig}`,
    'probes:\n  networks: [127.0.0.0/8]',
  );

describe('the security monkey on the sandbox cluster', () => {
  it("flags the seed's debug-shell pod: privileged and hostPID", async () => {
    const result = await runSecurity(config());
    const shell = findingsOf(result).filter((f) => f.resource.name === 'debug-shell');
    expect(named(shell)).toEqual(
      expect.arrayContaining(['K8S-PSB-002 debug-shell', 'K8S-PSB-005 debug-shell']),
    );
    expect(shell.find((f) => f.ruleId === 'K8S-PSB-002')).toMatchObject({
      severity: 'high',
      resource: { kind: 'Pod', namespace: 'playground' },
      evidence: { observed: [{ path: 'spec.hostPID', value: true }] },
    });
    expect(result.monkeys[0]?.gated.allowed).toEqual([]);
  });

  it('leaves the roles and bindings Kubernetes keeps itself alone', async () => {
    const result = await runSecurity(config());
    const rbac = findingsOf(result).filter((f) => f.ruleId.startsWith('K8S-RBAC-'));
    expect(rbac.filter((f) => f.resource.name.startsWith('system:'))).toEqual([]);
    expect(
      rbac.filter((f) => ['cluster-admin', 'admin', 'edit', 'view'].includes(f.resource.name)),
    ).toEqual([]);
  });

  it('judges every namespace for NetworkPolicies, and lists what it could not', async () => {
    const result = await runSecurity(config());
    const namespaces = findingsOf(result)
      .filter((f) => f.ruleId === 'K8S-NET-001')
      .map((f) => f.resource.name);
    expect(namespaces).toEqual(expect.arrayContaining(['playground', 'storefront']));
    expect(namespaces).not.toContain('kube-node-lease');
    const notes = result.monkeys[0]?.gated.notes ?? [];
    expect(notes.filter((n) => n.includes('listing failed'))).toEqual([]);
  });
});
