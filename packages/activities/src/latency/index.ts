import {
  ADD_LATENCY,
  addLatency,
  DELETE_NETWORK_FAULT,
  deleteNetworkFault,
  SET_LOSS,
  setLoss,
} from './chaos-mesh-network.js';
import { MEASURE_LATENCY, measureLatency } from './measure-latency.js';

/**
 * The network fault functions: Chaos Mesh's NetworkChaos as chaosk8s names them, each an
 * `inject-fault` / `remove-fault` pair through the same provider backend the latency monkey uses,
 * plus Simian's latency probe. chaosk8s' NetworkPolicy functions are the catalogue's
 * (kubernetes/networking.ts), with chaostoolkit-kubernetes' own semantics.
 */
export const LATENCY_FUNCTIONS = {
  [ADD_LATENCY]: addLatency,
  [SET_LOSS]: setLoss,
  [DELETE_NETWORK_FAULT]: deleteNetworkFault,
  [MEASURE_LATENCY]: measureLatency,
} as const;
