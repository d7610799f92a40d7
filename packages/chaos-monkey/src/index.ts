export { chaosMonkeyFeature } from './feature.js';
export { chaosMonkey } from './monkey.js';
export {
  chaosConfigSchema,
  killModeSchema,
  WORKLOAD_KINDS,
  POD_KILL_METHODS,
  INSTANCE_KILL_METHODS,
  type ChaosConfig,
  type WorkloadKind,
  type PodKillMethod,
  type InstanceKillMethod,
} from './config.js';
export {
  parseKillMode,
  formatKillMode,
  requestedKills,
  KILL_MODE_SYNTAX,
  type KillMode,
} from './kill-mode.js';
export { chooseVictims, type VictimChoice, type VictimLimits } from './choose-victims.js';
export { OVERRIDE_LABELS } from './overrides.js';
export { killProbability } from './mtbf.js';
export { planChaos } from './plan-chaos.js';
export { CHAOS_MONKEY_NAME } from './plan-part.js';
export type { Recovery } from './recovery/recovery.js';
