export { LatencyProxy, type ProxyOptions } from './proxy.js';
export { describeToxic, type Toxic, type ToxicSpec, type ToxicStream } from './toxic.js';
export { parseHostPort, runLatencyProxy, type ProxyRun, type ProxyRunResult } from './run-proxy.js';
