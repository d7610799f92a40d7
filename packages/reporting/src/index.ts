/**
 * @simian/reporting: every output of Simian as a named reporter in one map. Renderers turn a
 * command's report (a run, findings, history, ...) into text (table, json, junit, sarif); live
 * reporters follow a run through core's hooks and deliver its events (webhook).
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
