import { createHash } from 'node:crypto';
import type { Finding } from './types.js';

/**
 * The stable id of a finding: a hash of its rule, its resource and the scope the resource lives in
 * (Kubernetes context, AWS account and region). The same problem on the same resource has the same
 * id in every run and every format, so history (first seen, resolved, regressed), SARIF
 * fingerprints and report objects all agree.
 */
export function findingId(finding: Pick<Finding, 'ruleId' | 'resource'>): string {
  const r = finding.resource;
  const scope = [r.provider, r.context ?? '', r.region ?? ''].join('/');
  return createHash('sha256')
    .update(`${finding.ruleId}\0${r.ref}\0${scope}`)
    .digest('hex')
    .slice(0, 20);
}
