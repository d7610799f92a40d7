// The per-group MTBF draw is shared by every monkey that picks targets on a schedule: it lives in core.
export { mtbfProbability as killProbability } from '@simian/core';
