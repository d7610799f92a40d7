export { latencyMonkey } from './monkey.js';
export { latencyConfigSchema, BACKENDS, type BackendName, type LatencyConfig } from './config.js';
export { LATENCY_MONKEY_NAME, PROBE_URL_ANNOTATION } from './name.js';
export { LATENCY_BACKENDS, type LatencyBackend } from './backends/index.js';
export { planLatency } from './plan/plan-latency.js';
export { probeTargetOf } from './apply/probe-target.js';
export type { FaultMeasurement } from './apply/judge.js';
export * from './proxy/index.js';
export { latencyMonkeyFeature } from './feature.js';
