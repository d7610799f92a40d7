import type { Permission } from '@simian/core';
import type { DoctorReport, PermissionsReport } from '../data/commands.js';
import { Lines } from './columns.js';

/** `simian doctor`: per scope, reachable or not, and what is missing with what would grant it. */
export function doctorForPeople(report: DoctorReport): string {
  const out = new Lines();
  for (const [provider, diagnoses] of Object.entries(report.providers)) {
    for (const d of diagnoses) {
      out.add(
        `\n${provider} ${d.scope}: ${d.reachable ? 'reachable' : 'UNREACHABLE'}${d.identity ? ` as ${d.identity}` : ''}${d.detail ? ` (${d.detail})` : ''}`,
      );
      const unknown = d.checks.filter((c) => c.allowed === 'unknown').length;
      out.add(
        `  ${d.checks.length - d.missing.length - unknown} of ${d.checks.length} permissions granted${d.missing.length ? `, ${d.missing.length} missing` : ''}${unknown ? `, ${unknown} unknown` : ''}`,
      );
      for (const c of d.checks.filter((x) => x.allowed !== true)) {
        out.add(
          `  ${c.allowed === false ? 'missing' : 'unknown'}: ${describePermission(c.permission)}${c.detail ? ` (${c.detail})` : ''}`,
        );
      }
      if (d.grant) out.add(`  grant it with:\n${d.grant.replace(/^/gm, '    ')}`);
    }
  }
  if (Object.keys(report.providers).length === 0)
    out.add('no targets are configured: add targets.kubernetes or targets.aws to simian.yaml');
  out.add(
    `\n${report.healthy ? 'ok' : 'problems found'} for monkeys: ${report.monkeys.join(', ') || 'none enabled'}`,
  );
  return out.text();
}

/** `simian rbac`: the ClusterRole and Roles and the IAM policy, ready to apply. */
export function permissionsForPeople(report: PermissionsReport): string {
  const out = new Lines();
  // One YAML stream that `kubectl apply -f` takes as it is (`simian rbac > rbac.yaml`): the IAM
  // policy, JSON for another tool, is carried as comments (whole, in `-o json`: .aws.iamPolicy).
  if (report.kubernetes)
    out.add(`# Kubernetes\n${report.kubernetes.manifest ?? report.kubernetes.clusterRole}`);
  if (report.aws) {
    const policy = report.aws.iamPolicy.replace(/\n$/, '').split('\n');
    out.add(
      `# AWS IAM policy (as JSON: simian rbac -o json | jq .aws.iamPolicy)\n${policy.map((l) => `#   ${l}`).join('\n')}`,
    );
  }
  for (const note of report.notes ?? []) out.add(`# note: ${note}`);
  return out.text();
}

function describePermission(p: Permission): string {
  return p.kind === 'rbac'
    ? `${p.verbs.join(',')} ${p.resource}${p.subresource ? `/${p.subresource}` : ''}${p.group ? `.${p.group}` : ''}`
    : p.actions.join(', ');
}
