import type { PythonFunction } from '@simian/experiments';
import { KUBERNETES_FUNCTIONS } from './kubernetes/index.js';
import { LATENCY_FUNCTIONS } from './latency/index.js';
import { httpLoad } from './load/load-http.js';
import { prometheusQuery } from './prometheus/prometheus-query.js';
import { prometheusQueryInterval } from './prometheus/prometheus-query-interval.js';

/** Every function of the pack, by the dotted name experiments call it by. */
export const ACTIVITY_FUNCTIONS: Readonly<Record<string, PythonFunction>> = {
  ...(LATENCY_FUNCTIONS as Record<string, PythonFunction>),
  ...(KUBERNETES_FUNCTIONS as Record<string, PythonFunction>),
  'chaosprometheus.probes.query': prometheusQuery as PythonFunction,
  'chaosprometheus.probes.query_interval': prometheusQueryInterval as PythonFunction,
  'simian.load.http': httpLoad as PythonFunction,
};
