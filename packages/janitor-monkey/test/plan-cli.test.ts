// `simian plan janitor` as a process, against the seeded sandbox (its cluster and moto): the
// unused resources of the seed with their reasons and evidence, and the used ones it keeps, each
// with why. A plan changes nothing.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { simian } from '@simian/testing/cli';
import { ALWAYS } from '@simian/testing/sandbox';
import { beforeAll, describe, expect, inject, it } from 'vitest';

const kubeconfig = inject('sandboxKubeconfig');
const endpoint = inject('sandboxAwsEndpoint');
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'simian-janitor-plan-'));
  writeFileSync(
    join(dir, 'simian.yaml'),
    `version: 1
store: { path: simian.db }
log: { level: warn }
targets:
  kubernetes:
    - kubeconfig: ${kubeconfig}
      namespaces: { include: [reports, storefront, ledger, playground, payments] }
  aws:
    - region: us-east-1
      endpoint: ${endpoint}
monkeys:
  janitor:
    enabled: true
    schedule: { windows: ${ALWAYS} }
    keptInPlan: 1000
    rules:
      k8s-finished-job: { after: 0s }
      aws-empty-bucket: { after: 0s }
      aws-stopped-instance: { after: 0s }
`,
  );
});

interface PlanJson {
  monkeys: Array<{
    monkey: string;
    gated: {
      dryRun: boolean;
      findings: Array<{
        ruleId: string;
        resource: { name: string };
        message: string;
        evidence: Record<string, unknown>;
      }>;
      notes: string[];
    };
  }>;
}

describe('simian plan janitor', () => {
  it('shows the unused resources of the seed and the used ones it keeps, each with its reason', async () => {
    const r = await simian(['plan', 'janitor', '-o', 'json'], dir, {
      AWS_ACCESS_KEY_ID: 'testing',
      AWS_SECRET_ACCESS_KEY: 'testing',
      AWS_EC2_METADATA_DISABLED: 'true',
    });
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
    const plan = JSON.parse(r.stdout) as PlanJson;
    const janitor = plan.monkeys.find((m) => m.monkey === 'janitor')!;
    expect(janitor.gated.dryRun).toBe(true);
    const found = (rule: string, name: string) =>
      janitor.gated.findings.find((f) => f.ruleId === rule && f.resource.name === name);
    // Unused, with the reason and the evidence.
    expect(found('k8s-finished-job', 'backfill-2026-10')?.message).toContain(
      'Job backfill-2026-10 succeeded',
    );
    expect(found('k8s-finished-job', 'quarterly-rollup')?.message).toContain(
      'Job quarterly-rollup failed',
    );
    expect(found('aws-empty-bucket', 'simian-sandbox-empty-scratch')?.evidence).toMatchObject({
      objects: 0,
    });
    const stopped = janitor.gated.findings.find((f) => f.ruleId === 'aws-stopped-instance');
    expect(stopped?.evidence).toMatchObject({ state: 'stopped', instanceType: 'm5.large' });
    // The security group rule reports at once, and only reports.
    expect(
      janitor.gated.findings.some(
        (f) => f.ruleId === 'aws-unused-security-group' && /\[report only\]/.test(f.message),
      ),
    ).toBe(true);
    // Kept, each with why.
    const notes = janitor.gated.notes.join('\n');
    expect(notes).toContain('Bucket simian-sandbox-public-assets: holds objects');
    expect(notes).toContain('AutoScalingGroup storefront-web: has 3 instance(s)');
    expect(notes).toMatch(/Volume vol-\w+: attached to i-\w+/);
    expect(notes).toMatch(/Address eipalloc-\w+: associated with i-\w+/);
    expect(notes).toContain(
      'ConfigMap feature-flags-2024 (storefront): ConfigMap feature-flags-2024 is referenced by no pod spec',
    );
    expect(notes).toContain('Service web (storefront): selects Pod web-');
    expect(notes).toContain(
      'PersistentVolumeClaim ledger-backup-2024 (ledger): PersistentVolumeClaim ledger-backup-2024 is mounted by no pod',
    );
    expect(notes).toMatch(/estimated monthly cost of what the janitor found unused: [\d.]+ USD/);

    // The table says the same to people.
    const table = await simian(['plan', 'janitor'], dir, {
      AWS_ACCESS_KEY_ID: 'testing',
      AWS_SECRET_ACCESS_KEY: 'testing',
      AWS_EC2_METADATA_DISABLED: 'true',
    });
    expect(table.code).toBe(0);
    expect(table.stdout).toContain('backfill-2026-10');
    expect(table.stdout).toContain('holds objects');
  });
});
