/**
 * @simian/policy: Rego rules compiled to OPA wasm and evaluated in process, in batches; manifest
 * scanning (`simian scan`, rendered by @simian/reporting); waivers.
 */
export {
  AGGREGATE_ENTRYPOINT,
  MONKEY_AGGREGATE_PACKAGE,
  type PolicyBundle,
  isAggregateEntrypoint,
  loadBundle,
  monkeyAggregateEntrypoint,
  parseBundle,
} from './bundle.js';
export { builtinBundlePath, builtinPoliciesDir } from './builtin-policies.js';
export {
  type CompileOptions,
  type CompiledBundle,
  compileRego,
  compileRegoDir,
} from './compile.js';
export {
  DEFAULT_BATCH_SIZE,
  type EvaluateOptions,
  PolicyEngine,
  type PolicyEngineOptions,
  type PolicyEngineStats,
} from './engine.js';
export { type CreatePolicyEngineOptions, createPolicyEngine } from './engine-from-config.js';
export {
  BundleError,
  ManifestError,
  OpaNotFoundError,
  PolicyBuildError,
  PolicyEvaluationError,
} from './errors.js';
export { failsAt } from './fails-at.js';
export {
  type KindSelection,
  type ProviderKinds,
  type RuleReads,
  kindsToList,
  providerOfRule,
} from './inventory-kinds.js';
export { type ScopeInventory, listScopes } from './list-scopes.js';
export { policyEngineFor } from './policy-engine-cache.js';
export {
  type LoadManifestsOptions,
  type ManifestResource,
  type SkippedDocument,
  loadManifests,
  parseManifests,
} from './manifests.js';
export { findOpa, requireOpa } from './opa-binary.js';
export {
  type PolicyConfig,
  type PolicyConfigInput,
  type RuleSetting,
  policyConfigSchema,
  ruleSettingSchema,
} from './policy-config.js';
export {
  EVALUATION_FAILED_RULE,
  EVALUATION_FAILED_RULE_METADATA,
  EXPIRED_WAIVER_RULE,
  EXPIRED_WAIVER_RULE_METADATA,
  type FindingWaiver,
  type PolicyFinding,
} from './policy-finding.js';
export { type PolicyResource, buildInventory, toPolicyResource } from './policy-input.js';
export { collectPolicySources, hashPolicySources, type PolicySource } from './policy-sources.js';
export {
  type BundleManifest,
  DEFAULT_RULE_MONKEY,
  type RuleMetadata,
  rulesFromManifest,
} from './rule-metadata.js';
export {
  type ScanOptions,
  type ScanResult,
  type ScanSummary,
  type ScannedResource,
  scanManifests,
  summarize,
} from './scan.js';
export {
  type ApplyWaiversOptions,
  WAIVE_ANNOTATION,
  WAIVE_REASON_ANNOTATION,
  WAIVE_REASON_TAG,
  WAIVE_TAG,
  type Waiver,
  applyWaivers,
  findExpiredWaivers,
  waiverExpiry,
  waiverSchema,
  waiverSelectorSchema,
} from './waivers.js';
