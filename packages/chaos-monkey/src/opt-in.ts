// The opt-in decision is shared by every monkey that picks targets (chaos, latency): it lives in core.
export { decideOptIn, type LabelSource, type OptInDecision } from '@simian/core';
