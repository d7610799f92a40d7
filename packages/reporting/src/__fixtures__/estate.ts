// A made-up estate's findings for report tests and the benchmark: rules with real-looking METADATA
// (frameworks, remediation), resources spread over namespaces, owners and an AWS region, a few
// waived. Deterministic: the same `count` gives the same findings.
import type { Finding, Severity } from '@simian/core';
import type { RuleInfo } from '../model/finding.js';

export const ESTATE_RULES: RuleInfo[] = [
  {
    id: 'K8S-SEC-001',
    title: 'Privileged container',
    severity: 'critical',
    remediation: 'Remove securityContext.privileged.',
    frameworks: [
      'pss:baseline:privileged-containers',
      'cis-kubernetes-1.12:5.2.2',
      'nsa-cisa-kubernetes-hardening:pod-security',
      'kubescape:C-0057',
    ],
    monkey: 'security',
  },
  {
    id: 'K8S-SEC-002',
    title: 'Host namespaces shared',
    severity: 'high',
    remediation: 'Set hostPID, hostIPC and hostNetwork to false.',
    frameworks: ['pss:baseline:host-namespaces', 'cis-kubernetes-1.12:5.2.3'],
    monkey: 'security',
  },
  {
    id: 'K8S-SEC-003',
    title: 'Runs as root',
    severity: 'medium',
    frameworks: ['pss:restricted:running-as-non-root', 'cis-kubernetes-1.12:5.2.6'],
    monkey: 'security',
  },
  {
    id: 'K8S-AVAIL-001',
    title: 'No PodDisruptionBudget',
    severity: 'high',
    remediation: 'Add a PodDisruptionBudget.',
    frameworks: ['aws-well-architected:REL10-BP01', 'polaris:missingPodDisruptionBudget'],
    monkey: 'conformity',
  },
  {
    id: 'K8S-IMG-001',
    title: 'Image with the latest tag or no tag',
    severity: 'medium',
    remediation: 'Pin the image by version or digest.',
    frameworks: ['polaris:tagNotSpecified'],
    monkey: 'conformity',
  },
  {
    id: 'K8S-RES-001',
    title: 'No resource requests',
    severity: 'low',
    frameworks: ['aws-well-architected:REL07'],
    monkey: 'conformity',
  },
  {
    id: 'AWS-S3-001',
    title: 'Bucket without a public access block',
    severity: 'high',
    remediation: 'Turn on all four settings of the public access block.',
    frameworks: ['cis-aws-foundations-3.0:2.1.4', 'prowler:s3_bucket_level_public_access_block'],
    monkey: 'security',
  },
  {
    id: 'K8S-HEALTH-001',
    title: 'No readiness probe',
    severity: 'medium',
    frameworks: ['aws-well-architected:REL11-BP01'],
    monkey: 'conformity',
  },
];

const NAMESPACES = ['shop', 'payments', 'search', 'data', 'platform', 'edge'];
const OWNERS = ['team-shop', 'team-payments', 'team-search', 'team-data', undefined];

/** `count` findings of the estate; one in eleven is waived. */
export function estateFindings(count: number, salt = 0): Finding[] {
  const out: Finding[] = [];
  const rules = ESTATE_RULES.filter((r) => r.id !== 'K8S-HEALTH-001');
  for (let i = 0; i < count; i++) {
    const rule = rules[(i + salt) % rules.length]!;
    const n = Math.floor(i / rules.length);
    const owner = OWNERS[n % OWNERS.length];
    const aws = rule.id.startsWith('AWS');
    const namespace = NAMESPACES[n % NAMESPACES.length]!;
    const name = `app-${n}`;
    const resource: Finding['resource'] = aws
      ? {
          ref: `arn:aws:s3:::bucket-${n}`,
          kind: 'Bucket',
          name: `bucket-${n}`,
          provider: 'aws',
          region: 'eu-west-1',
          context: '123456789012',
        }
      : {
          ref: `k8s:prod/${namespace}/Deployment/${name}`,
          kind: 'Deployment',
          name,
          namespace,
          provider: 'kubernetes',
          context: 'prod',
        };
    if (owner) resource.owner = owner;
    const finding: Finding = {
      ruleId: rule.id,
      severity: rule.severity as Severity,
      monkey: rule.monkey!,
      resource,
      message: `${resource.kind} ${resource.name}: ${rule.title.toLowerCase()}`,
      evidence: { container: 'app', index: i },
      title: rule.title,
      ...(rule.remediation ? { remediation: rule.remediation } : {}),
      ...(rule.frameworks ? { frameworks: rule.frameworks } : {}),
    };
    if (i % 11 === 5)
      finding.waiver = {
        by: 'config',
        owner: 'sec-team',
        reason: 'accepted until migration',
        expires: '2027-06-30',
        ticket: 'SEC-7',
      };
    out.push(finding);
  }
  return out;
}
