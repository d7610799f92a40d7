import {
  ADD_LATENCY,
  addLatency,
  DELETE_NETWORK_FAULT,
  deleteNetworkFault,
  SET_LOSS,
  setLoss,
} from './chaos-mesh-network.js';
import { MEASURE_LATENCY, measureLatency } from './measure-latency.js';
import {
  CREATE_NETWORK_POLICY,
  createNetworkPolicy,
  DENY_ALL_EGRESS,
  DENY_ALL_INGRESS,
  denyAllEgress,
  denyAllIngress,
  REMOVE_DENY_ALL_EGRESS,
  REMOVE_DENY_ALL_INGRESS,
  REMOVE_NETWORK_POLICY,
  removeDenyAllEgress,
  removeDenyAllIngress,
  removeNetworkPolicy,
} from './network-policy.js';

/**
 * The network fault functions: Chaos Mesh's NetworkChaos and NetworkPolicies as chaosk8s names
 * them, each an `inject-fault` / `remove-fault` pair through the same provider backends the latency
 * monkey uses, plus Simian's latency probe.
 */
export const LATENCY_FUNCTIONS = {
  [ADD_LATENCY]: addLatency,
  [SET_LOSS]: setLoss,
  [DELETE_NETWORK_FAULT]: deleteNetworkFault,
  [CREATE_NETWORK_POLICY]: createNetworkPolicy,
  [REMOVE_NETWORK_POLICY]: removeNetworkPolicy,
  [DENY_ALL_INGRESS]: denyAllIngress,
  [REMOVE_DENY_ALL_INGRESS]: removeDenyAllIngress,
  [DENY_ALL_EGRESS]: denyAllEgress,
  [REMOVE_DENY_ALL_EGRESS]: removeDenyAllEgress,
  [MEASURE_LATENCY]: measureLatency,
} as const;
