export * from './percentiles.js';
export * from './latency-probe.js';
export * from './delay-fidelity.js';
