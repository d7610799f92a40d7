import { z } from 'zod';
import { defineReporter } from '../reporter.js';
import { forFindingsKinds } from './compliance-kinds.js';
import { POLICY_REPORT, reportObjectsList } from './report-objects.js';

/**
 * `-o policyreport`: Kubernetes findings as `wgpolicyk8s.io/v1alpha2` PolicyReports (one per
 * namespace) and a ClusterPolicyReport, in a `List` for `kubectl apply -f`; what Kyverno and
 * Policy Reporter show. `reporting.clusterReports` writes them into the cluster after each run.
 */
export const policyReportReporter = defineReporter({
  name: 'policyreport',
  description:
    'wgpolicyk8s.io/v1alpha2 PolicyReports per namespace and a ClusterPolicyReport (a List for kubectl apply)',
  options: z.strictObject({}),
  render: forFindingsKinds((r) => reportObjectsList(r, POLICY_REPORT)),
});
