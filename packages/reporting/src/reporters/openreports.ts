import { z } from 'zod';
import { defineReporter } from '../reporter.js';
import { forFindingsKinds } from './compliance-kinds.js';
import { OPEN_REPORTS, reportObjectsList } from './report-objects.js';

/**
 * `-o openreports`: Kubernetes findings as `openreports.io/v1alpha1` Reports (one per namespace)
 * and a ClusterReport, in a `List` for `kubectl apply -f`.
 */
export const openReportsReporter = defineReporter({
  name: 'openreports',
  description:
    'openreports.io/v1alpha1 Reports per namespace and a ClusterReport (a List for kubectl apply)',
  options: z.strictObject({}),
  render: forFindingsKinds((r) => reportObjectsList(r, OPEN_REPORTS)),
});
