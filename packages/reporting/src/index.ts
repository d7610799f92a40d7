/**
 * @simian/reporting: every output of Simian as a named reporter in one map. One finding model
 * (ids, status after waivers and mutes, history) feeds every format: table, json, junit, sarif,
 * markdown, html, pdf, csv, ocsf, policyreport, openreports. Live reporters follow a run through
 * core's hooks and deliver it: webhook, slack (summaries and owner notices), files, s3,
 * cluster-reports and Prometheus metrics.
 */
export type {
  ConfigCheck,
  DoctorReport,
  ExperimentCheck,
  ExperimentRun,
  MonkeySchedule,
  PermissionsReport,
  SandboxDown,
  SandboxSeed,
  SandboxStatusView,
  SandboxUp,
} from './data/commands.js';
export {
  type FindingsReport,
  type FindingsSummary,
  type ReportFinding,
  type ReportResource,
  type ReportRule,
  type ReportWaiver,
  findingsReport,
} from './data/findings.js';
export type { Report, ReportKind, ReportKinds } from './report.js';
export {
  type LiveContext,
  type LiveReporter,
  type RenderFunction,
  type ReporterDefinition,
  type ReporterSpec,
  defineReporter,
} from './reporter.js';
export { type ReporterName, reporters } from './reporters/index.js';
export { allReporters, formatsFor, readOptions, renderReport, reporterNamed } from './registry.js';
export { jsonReporter } from './reporters/json.js';
export { findingsJunit, junitReporter } from './reporters/junit.js';
export { type SarifOptions, findingsSarif, sarifReporter } from './reporters/sarif.js';
export { tableReporter } from './reporters/table.js';
export { type WebhookTiming, createWebhookReporter, webhookReporter } from './reporters/webhook.js';
export {
  type ComplianceInput,
  type ComplianceReport,
  type ComplianceSummary,
  type ReportContext,
  type ResidualFault,
  buildComplianceReport,
  complianceOfFindings,
  complianceOfRun,
  ruleOfFinding,
} from './data/compliance.js';
export {
  type FindingChange,
  type FindingResource,
  type FindingStatus,
  type ReportedFinding,
  type RuleInfo,
  type SourceFinding,
} from './model/finding.js';
export { type Mute, type PrepareOptions, prepareFindings } from './model/prepare.js';
export {
  type Requirement,
  SIMIAN_FRAMEWORK,
  frameworkTitle,
  referencesOf,
  requirementsOf,
  ruleFamily,
} from './model/frameworks.js';
export {
  type CheckStatus,
  type ControlResult,
  type FrameworkResult,
  scoreFrameworks,
} from './compliance/score.js';
export {
  type HistoryOptions,
  type StoreHistory,
  historyFromStore,
} from './history/store-history.js';
export type { TrendPoint } from './history/trends.js';
export { RECOVERY_SLOWER_RULE, type RecoveryTrend, recoveryTrends } from './ops/recoveries.js';
export { SAVINGS_EVIDENCE_KEY, type Savings, savingsOf } from './ops/savings.js';
export {
  type ExperimentJournalView,
  type JournalActivity,
  type JournalsReport,
  type LatencyPercentiles,
  parseJournal,
} from './journals/journal-model.js';
export { complianceHtml } from './html/compliance-page.js';
export { journalsHtml } from './html/journals-page.js';
export { complianceCsv, csvReporter } from './reporters/csv.js';
export { complianceMarkdown, markdownReporter } from './reporters/markdown.js';
export { htmlReporter } from './reporters/html.js';
export { pdfReporter } from './reporters/pdf.js';
export { OCSF_VERSION, complianceOcsf, ocsfFinding, ocsfReporter } from './reporters/ocsf.js';
export {
  OPEN_REPORTS,
  POLICY_REPORT,
  REPORT_OBJECT_LABELS,
  REPORT_OBJECT_NAME,
  type ReportApi,
  reportObjects,
  reportObjectsList,
} from './reporters/report-objects.js';
export { policyReportReporter } from './reporters/policyreport.js';
export { openReportsReporter } from './reporters/openreports.js';
export { complianceSarif } from './reporters/sarif.js';
export { complianceJunit } from './reporters/junit.js';
export {
  type SlackMessage,
  type SlackOptions,
  createSlackReporter,
  ownerNoticeMessage,
  runSummaryMessage,
  slackReporter,
} from './reporters/slack.js';
export { createFilesReporter, filesReporter } from './reporters/files.js';
export { createS3Reporter, s3Reporter } from './reporters/s3.js';
export {
  clusterReportsReporter,
  createClusterReportsReporter,
} from './reporters/cluster-reports.js';
export {
  type MetricsReporter,
  createMetricsReporter,
  metricsReporter,
} from './reporters/metrics.js';
export { SimianMetrics } from './metrics/simian-metrics.js';
export { currentReport } from './sinks/current-report.js';
export { FORMAT_FILES, renderCompliance } from './sinks/render-formats.js';
export { type FromStoreOptions, complianceFromStore } from './data/from-store.js';
