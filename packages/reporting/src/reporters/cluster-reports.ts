import { clusterReportsSchema, type Provider } from '@simian/core';
import type { z } from 'zod';
import { defineReporter, type LiveContext, type LiveReporter } from '../reporter.js';
import { currentReport } from '../sinks/current-report.js';
import { describeError } from '../sinks/deliver.js';
import {
  OPEN_REPORTS,
  POLICY_REPORT,
  REPORT_OBJECT_LABELS,
  reportObjects,
  type ReportApi,
} from './report-objects.js';

type ClusterReportsOptions = z.output<typeof clusterReportsSchema>;

const APIS: Record<string, ReportApi> = { policyreport: POLICY_REPORT, openreports: OPEN_REPORTS };

/**
 * After each run, the current findings of Kubernetes resources as report objects in their own
 * cluster (`reporting.clusterReports`): a PolicyReport (or OpenReports Report) named `simian` in
 * each namespace with findings, a cluster-scoped one for cluster-scoped resources; Simian's objects
 * in namespaces without findings any more are deleted. Kyverno's and Policy Reporter's users see
 * Simian's findings where they already look. A failure is logged and the run goes on.
 */
export function createClusterReportsReporter(
  o: ClusterReportsOptions,
  context: LiveContext,
): LiveReporter {
  const logger = context.logger.child({ reporter: 'cluster-reports', sink: context.label });
  let pending: Promise<void> = Promise.resolve();
  return {
    name: 'cluster-reports',
    onRunEnd(result) {
      pending = (async () => {
        const kubernetes = context
          .providers?.()
          .find(
            (p): p is Provider & Required<Pick<Provider, 'syncReportObjects'>> =>
              p.syncReportObjects !== undefined,
          );
        if (!kubernetes) {
          logger.warn('reporting.clusterReports needs a Kubernetes target; nothing written');
          return;
        }
        const report = currentReport(result, context);
        for (const format of o.formats) {
          const api = APIS[format]!;
          const objects = reportObjects(report, api);
          for (const scope of kubernetes.scopes()) {
            const mine = objects.filter((x) => x.context === scope).map((x) => x.object);
            try {
              const done = await kubernetes.syncReportObjects(scope, mine, {
                kinds: [
                  `${api.apiVersion}/${api.namespaced}`,
                  `${api.apiVersion}/${api.clusterScoped}`,
                ],
                labels: { ...REPORT_OBJECT_LABELS },
              });
              logger.info(
                { context: scope, format, ...done, runId: result.runId },
                'report objects written to the cluster',
              );
            } catch (e) {
              logger.warn(
                { context: scope, format, error: describeError(e, 0, []) },
                'could not write report objects to the cluster; the run goes on',
              );
            }
          }
        }
      })();
      return pending;
    },
    flush: () => pending,
  };
}

/** PolicyReport / OpenReports objects kept in the cluster after each run (reporting.clusterReports). */
export const clusterReportsReporter = defineReporter({
  name: 'cluster-reports',
  description:
    'PolicyReport and OpenReports objects per namespace (and cluster-scoped) kept in the cluster after each run (reporting.clusterReports)',
  options: clusterReportsSchema,
  live: (o, context) => createClusterReportsReporter(o, context),
});
