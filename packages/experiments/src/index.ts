// The experiment runner's public API: what the CLI and the activity packs use. Internals
// (substitution, tolerances) stay unexported; the HTTP client is shared with the packs.
export {
  ROLLBACK_STRATEGIES,
  PROVIDER_TYPES,
  experimentSchema,
  activitySchema,
  isActivityRef,
  type RollbackStrategy,
  type ProviderTypeName,
  type Experiment,
  type Activity,
  type ActivityRef,
  type HypothesisProbe,
  type ActivityProvider,
  type MethodItem,
  type SteadyStateHypothesis,
  type Tolerance,
  type RegexTolerance,
  type JsonPathTolerance,
  type RangeTolerance,
  type ProbeTolerance,
} from './schema.js';
export {
  SIMIAN_JOURNAL_VERSION,
  experimentOutcome,
  experimentExitCode,
  writeJournalFile,
  type ExperimentJournal,
  type ActivityRun,
  type SteadyState,
  type JournalStatus,
  type ExperimentOutcome,
} from './journal.js';
export type { ExperimentConfiguration, ExperimentSecrets } from './substitute.js';
export { secretValues } from './secrets.js';
export {
  ActivityRegistry,
  type ActivityContext,
  type CheckContext,
  type ActivityProviderType,
  type PythonFunction,
  type PythonFunctionContext,
  type NamedPythonFunction,
  type CheckIssue,
  type PythonBridgeRunner,
} from './registry.js';
export { mergeVars, parseVar, readVarFile, emptyVars, type ExperimentVars } from './vars.js';
export { SAFEGUARDS_MODULE, type ControlSummary, type Safeguard } from './controls.js';
export { createActivityRegistry, activityRegistryOf } from './builtins.js';
export type { HttpOutput } from './providers/http.js';
export type { ProcessOutput } from './providers/process.js';
export type { DryRunLevel } from './execute-activity.js';
export { rollbackDecision } from './rollback-strategy.js';
export {
  checkExperiment,
  type CheckExperimentOptions,
  type ExperimentCheck,
  type ExperimentActivitySummary,
} from './check.js';
export { loadExperimentFile, parseExperimentText, type LoadExperimentOptions } from './load.js';
export {
  experimentPermissions,
  type ActivityPermissions,
  type ExperimentPermissions,
} from './permissions.js';
export {
  validateExperiment,
  type ExperimentValidation,
  type ValidateExperimentOptions,
} from './validate.js';
export { runExperiment, type RunExperimentOptions } from './run.js';
export { parseTimeExpression } from './time-expression.js';
export { pythonRegex } from './tolerance.js';
export {
  httpRequest,
  HttpClientError,
  type HttpRequest,
  type HttpResponse,
} from './http-client.js';
export {
  PythonBridge,
  BRIDGE_SCRIPT,
  type PythonBridgeOptions,
  type BridgedActivityRecord,
} from './bridge/python-bridge.js';
export { ensureBridgeEnvironment, simianCacheDir, BRIDGE_CHAOSLIB } from './bridge/environment.js';
