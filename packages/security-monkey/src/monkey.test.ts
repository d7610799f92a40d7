// The security monkey's plan over memory providers, with a real HTTP server on loopback behind a
// NodePort: the rules, the probes, the gate's promises, and confirmation of a config finding.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Resource } from '@simian/core';
import { MemoryProvider } from '@simian/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configWith, k8s, planContext } from './__fixtures__/context.js';
import { httpServer, type TestServer } from './__fixtures__/servers.js';
import { securityMonkey } from './monkey.js';
import { planSecurity } from './plan-security.js';

let server: TestServer;
beforeAll(async () => {
  server = await httpServer((req, res) => {
    if (req.url === '/.git/config') {
      res
        .writeHead(200, { 'content-type': 'text/plain' })
        .end('[core]\n\trepositoryformatversion = 0\n');
      return;
    }
    res.writeHead(404).end();
  });
});
afterAll(() => server.close());

const debugShell = k8s('Pod', 'debug-shell', 'playground', {
  metadata: { name: 'debug-shell', namespace: 'playground' },
  spec: {
    hostPID: true,
    containers: [{ name: 'shell', image: 'busybox:1.36.1', securityContext: { privileged: true } }],
  },
});
const node = k8s(
  'Node',
  'node-a',
  undefined,
  {},
  {
    views: { addresses: { public: [], private: ['127.0.0.1'] } },
  },
);
const service = (labels: Record<string, string> = {}): Resource =>
  k8s(
    'Service',
    'admin',
    'shop',
    { spec: { type: 'NodePort', ports: [{ port: 9000, nodePort: server.port }] } },
    {
      labels,
      views: {
        service: {
          type: 'NodePort',
          ports: [{ port: 9000, protocol: 'TCP', nodePort: server.port }],
          loadBalancer: [],
          externalIPs: [],
        },
      },
    },
  );

const provider = (resources: Resource[]) => new MemoryProvider('kubernetes', resources, 'test');
const probesOnLoopback = 'probes:\n  networks: [127.0.0.0/8]\n  discover: { kubelets: false }';

describe('the security monkey', () => {
  it('is report-only: not destructive, no verbs, no actions', async () => {
    expect(securityMonkey.destructive).toBe(false);
    expect(securityMonkey.verbs).toEqual([]);
    const plan = await planSecurity(
      planContext(configWith('probes: { enabled: false }'), [provider([debugShell])]),
    );
    expect(plan.actions).toEqual([]);
  });

  it("flags the seed's debug-shell pod: privileged and hostPID, with evidence; security rules only", async () => {
    const plan = await planSecurity(
      planContext(configWith('probes: { enabled: false }'), [provider([debugShell])]),
    );
    const ids = plan.findings.filter((f) => f.resource.name === 'debug-shell').map((f) => f.ruleId);
    expect(ids).toEqual(
      expect.arrayContaining(['K8S-PSB-002', 'K8S-PSB-005', 'K8S-PSR-003', 'K8S-PSR-005']),
    );
    expect(ids.every((id) => !/^K8S-(RES|HEALTH|IMG|OWN|AVAIL|EXPO)-/.test(id))).toBe(true);
    expect(plan.findings.find((f) => f.ruleId === 'K8S-PSB-005')).toMatchObject({
      monkey: 'security',
      severity: 'critical',
      evidence: {
        observed: [{ path: 'spec.containers[0].securityContext.privileged', value: true }],
      },
    });
    expect(plan.notes).toContain('probes are off (monkeys.security.probes.enabled: false)');
  });

  it('probes the NodePort on the node, reports what answered, and confirms the NodePort finding', async () => {
    const plan = await planSecurity(
      planContext(configWith(probesOnLoopback), [provider([node, service()])]),
    );
    const git = plan.findings.find((f) => f.ruleId === 'SEC-EXPOSE-005');
    expect(git).toMatchObject({
      resource: { kind: 'Service', name: 'admin', namespace: 'shop' },
      evidence: { path: '/.git/config', status: 200, endpoint: `https://127.0.0.1:${server.port}` },
    });
    expect(plan.findings.find((f) => f.ruleId === 'K8S-NET-004')?.confirmed).toMatchObject({
      endpoint: `https://127.0.0.1:${server.port}`,
    });
    expect(server.requests.length).toBeGreaterThan(0);
  });

  it('holds back the probe of an opted-out resource, and says so', async () => {
    const before = server.requests.length;
    const plan = await planSecurity(
      planContext(configWith(probesOnLoopback), [
        provider([node, service({ 'simian.dev/opt-out': 'true' })]),
      ]),
    );
    expect(
      plan.notes?.some((n) =>
        n.includes('held back by the gate (opt-out: opted out with simian.dev/opt-out=true)'),
      ),
    ).toBe(true);
    expect(server.requests.length).toBe(before);
    expect(plan.findings.find((f) => f.ruleId === 'K8S-NET-004')?.confirmed).toBeUndefined();
  });

  it('probes nothing while the kill switch is engaged', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'simian-kill-'));
    try {
      writeFileSync(join(dir, 'KILL'), '');
      const before = server.requests.length;
      const config = configWith(
        probesOnLoopback,
        `safety:\n  killSwitch: { file: ${join(dir, 'KILL')} }`,
      );
      const plan = await planSecurity(planContext(config, [provider([node, service()])]));
      expect(
        plan.notes?.some((n) =>
          n.includes('held back by the gate (kill-switch: kill switch engaged: file'),
        ),
      ).toBe(true);
      expect(server.requests.length).toBe(before);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('probes nothing outside its windows', async () => {
    const before = server.requests.length;
    const sunday = new Date('2026-11-29T12:00:00Z');
    const config = configWith(
      probesOnLoopback,
      '',
      '{ days: [mon], hours: { start: "09:00", end: "17:00" } }',
    );
    const plan = await planSecurity(planContext(config, [provider([node, service()])], sunday));
    expect(plan.notes?.some((n) => /held back by the gate \(window:/.test(n))).toBe(true);
    expect(server.requests.length).toBe(before);
  });

  it('probes a configured URL, trusting its name', async () => {
    const config = configWith(
      `probes:\n  discover: { services: false, ingresses: false, instances: false, kubelets: false }\n  targets: [{ url: "http://localhost:${server.port}" }]`,
    );
    const plan = await planSecurity(planContext(config, [provider([])]));
    expect(plan.findings.map((f) => f.ruleId)).toContain('SEC-EXPOSE-005');
    expect(plan.findings.find((f) => f.ruleId === 'SEC-EXPOSE-005')?.resource).toMatchObject({
      kind: 'Endpoint',
      provider: 'probe',
    });
  });
});
