/**
 * @simian/security-monkey: insecure configuration in Rego, and active probes of your own
 * endpoints (TLS, exposed admin and debug surfaces). Report-only.
 */
export { securityMonkeyFeature } from './feature.js';
export { securityMonkey, SECURITY_READS } from './monkey.js';
export { SECURITY_MONKEY_NAME } from './name.js';
export {
  securityConfigSchema,
  DEFAULT_ENDPOINT_KINDS,
  type SecurityConfig,
  type ProbesConfig,
} from './config.js';
export { planSecurity, type SecurityPlanContext } from './plan-security.js';
export { planProbes, configuredTargets, type ProbePlan } from './plan-probes.js';
export { discoverEndpoints, type Discovery, type DiscoverOptions } from './discover.js';
export { probeGate, PROBE_GATE_RULES, type ProbeGate } from './probe-gate.js';
export { confirmFindings } from './confirm.js';
export { runProbes, type ProbeOptions, type ProbeRun, type TargetReport } from './probe/prober.js';
export {
  targetFromUrl,
  endpointResource,
  type ProbeTarget,
  type ProbeCheck,
  type Allowance,
  type Confirmation,
} from './probe/target.js';
export {
  resolveAllowed,
  isLoopback,
  inNetworks,
  systemLookup,
  type Lookup,
} from './probe/resolve.js';
export { PROBE_RULES, type ProbeRule, type ProbeRuleId } from './probe/probe-rules.js';
export { PROBE_USER_AGENT } from './probe/http-get.js';
export { gradeTls, type Grade, type GradeCap } from './probe/tls-grade.js';
export type { TlsReport } from './probe/tls-probe.js';
export type { ProbeFinding } from './probe/probe-finding.js';
export { commandLineTargets, type CommandLineAllowance } from './command-line-targets.js';
