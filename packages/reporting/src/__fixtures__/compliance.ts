// A compliance report with every status a format must show: open (one new, one on AWS, one whose
// evidence tries to close the HTML script and whose message is a spreadsheet formula), waived,
// resolved, and one muted; with history, so baseline states show.
import { Store, type Finding } from '@simian/core';
import { complianceFromStore } from '../data/from-store.js';
import type { ComplianceReport } from '../data/compliance.js';
import type { RuleInfo } from '../model/finding.js';

const k8s = (namespace: string | undefined, kind: string, name: string, owner?: string) => ({
  ref: `k8s:prod/${namespace ?? '_'}/${kind}/${name}`,
  kind,
  name,
  provider: 'kubernetes',
  context: 'prod',
  ...(namespace ? { namespace } : {}),
  ...(owner ? { owner } : {}),
});

export const RULES: RuleInfo[] = [
  {
    id: 'K8S-SEC-001',
    title: 'Privileged container',
    severity: 'critical',
    remediation: 'Drop privileged.',
    frameworks: [
      'pss:baseline:privileged-containers',
      'cis-kubernetes-1.12:5.2.2',
      'kubescape:C-0057',
    ],
    monkey: 'conformity',
  },
  {
    id: 'K8S-IMG-001',
    title: 'Mutable image tag',
    severity: 'medium',
    frameworks: ['polaris:tagNotSpecified'],
    monkey: 'conformity',
  },
  {
    id: 'K8S-RBAC-001',
    title: 'Cluster admin bound',
    severity: 'high',
    frameworks: ['cis-kubernetes-1.12:5.1.1'],
    monkey: 'conformity',
  },
  {
    id: 'AWS-S3-001',
    title: 'No public access block',
    severity: 'high',
    frameworks: ['cis-aws-foundations-3.0:2.1.4'],
    monkey: 'conformity',
  },
  { id: 'K8S-RES-001', title: 'No requests', severity: 'low', monkey: 'conformity' },
];

export const privileged: Finding = {
  ruleId: 'K8S-SEC-001',
  severity: 'critical',
  monkey: 'conformity',
  resource: k8s('shop', 'Deployment', 'web', 'team-shop'),
  message: 'container app of web is privileged',
  evidence: { container: 'app', note: '</script><script>alert(1)</script>' },
  frameworks: RULES[0]!.frameworks!,
  title: 'Privileged container',
};
export const formula: Finding = {
  ruleId: 'K8S-IMG-001',
  severity: 'medium',
  monkey: 'conformity',
  resource: k8s('shop', 'Deployment', 'api', 'team-shop'),
  message: '=HYPERLINK("http://x","image uses latest")',
};
export const waived: Finding = {
  ruleId: 'K8S-IMG-001',
  severity: 'medium',
  monkey: 'conformity',
  resource: k8s('payments', 'Deployment', 'ledger', 'team-pay'),
  message: 'image uses latest',
  waiver: {
    by: 'config',
    owner: 'team-pay',
    reason: 'vendor image',
    expires: '2027-01-31',
    ticket: 'PAY-9',
  },
};
export const clusterAdmin: Finding = {
  ruleId: 'K8S-RBAC-001',
  severity: 'high',
  monkey: 'conformity',
  resource: k8s(undefined, 'ClusterRoleBinding', 'ci-admin'),
  message: 'ci-admin binds cluster-admin',
};
export const bucket: Finding = {
  ruleId: 'AWS-S3-001',
  severity: 'high',
  monkey: 'conformity',
  resource: {
    ref: 'arn:aws:s3:::logs',
    kind: 'Bucket',
    name: 'logs',
    provider: 'aws',
    region: 'eu-west-1',
    context: '123456789012',
    owner: 'team-data',
  },
  message: 'bucket logs has no public access block',
};
export const resolvedLater: Finding = {
  ruleId: 'K8S-RES-001',
  severity: 'low',
  monkey: 'conformity',
  resource: k8s('shop', 'Deployment', 'web', 'team-shop'),
  message: 'web has no requests',
};
export const muted: Finding = {
  ruleId: 'K8S-RES-001',
  severity: 'low',
  monkey: 'conformity',
  resource: k8s('noise', 'Deployment', 'noisy'),
  message: 'noisy has no requests',
};

/** Two runs in a store: the second resolves `resolvedLater` and adds `clusterAdmin` (new). */
export function complianceFixture(): ComplianceReport {
  const store = new Store(':memory:');
  store.recordFindings(
    'run-1',
    [privileged, formula, waived, bucket, resolvedLater, muted],
    '2026-11-01T10:00:00.000Z',
    'conformity',
  );
  store.recordFindings(
    'run-2',
    [privileged, formula, waived, bucket, clusterAdmin, muted],
    '2026-11-02T10:00:00.000Z',
    'conformity',
  );
  const { report } = complianceFromStore(store, {
    rules: RULES,
    mutes: [{ rule: 'K8S-RES-001', ref: 'k8s:prod/noise/*', reason: 'a test namespace' }],
    now: new Date('2026-11-02T12:00:00.000Z'),
  });
  store.close();
  return report!;
}
