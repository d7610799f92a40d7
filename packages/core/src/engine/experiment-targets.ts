import { z } from 'zod';
import type { SimianConfig } from '../config/schema.js';
import { Inventory } from '../inventory.js';
import type { Logger } from '../logger.js';
import type { Monkey, MonkeyBaseConfig } from '../monkey.js';
import type { Provider } from '../provider.js';
import { randomRng, type Rng } from '../rng.js';
import { GateExecutor, type ActionExecutor } from '../safety/executor.js';
import { SafetyGate } from '../safety/gate.js';
import { killSwitchReason } from '../safety/kill-switch.js';
import { RunTally } from '../safety/rule.js';
import { GATE_RULES } from '../safety/rules/index.js';
import { monkeySafetySchema } from '../safety/schema.js';
import { scheduleSchema } from '../schedule/schema.js';
import type { Store } from '../store/store.js';

/** What an experiment activity acts through: reads via the inventory, changes via the executor. */
export interface ExperimentTargets {
  inventory: Pick<Inventory, 'provider' | 'hasProvider' | 'list' | 'listAll'>;
  executor: ActionExecutor;
  rng: Rng;
}

/**
 * An experiment is explicit, so schedules, windows and blast radius (which pace a monkey) do not
 * apply; what the resource itself says still does: kill switch, scope, protected, opt-out.
 */
export const EXPERIMENT_GATE_RULES = ['kill-switch', 'scope', 'protected', 'opt-out'];

const experimentMonkey: Monkey = {
  name: 'experiment',
  description: 'an experiment activity',
  destructive: true,
  configSchema: z.strictObject({}),
  reads: [],
  verbs: [],
  plan: async () => ({ monkey: 'experiment', findings: [], actions: [] }),
};

export interface ExperimentTargetsOptions {
  config: SimianConfig;
  providers: Provider[];
  store: Store;
  runId: string;
  dryRun: boolean;
  signal: AbortSignal;
  logger: Logger;
  rng?: Rng;
  env?: NodeJS.ProcessEnv;
}

/** Targets for `simian experiment run --config`: every change is gated and written to the ledger. */
export function createExperimentTargets(o: ExperimentTargetsOptions): ExperimentTargets {
  const inventory = new Inventory(o.providers, { signal: o.signal });
  const rng = o.rng ?? randomRng();
  const monkeyConfig: MonkeyBaseConfig & Record<string, unknown> = {
    enabled: true,
    schedule: scheduleSchema.parse({}),
    safety: monkeySafetySchema.parse({}),
  };
  const now = new Date();
  const killSwitch = () => killSwitchReason(o.config, o.providers, o.env);
  const executor = new GateExecutor({
    runId: o.runId,
    dryRun: o.dryRun,
    providers: new Map(o.providers.map((p) => [p.name, p])),
    gate: new SafetyGate(GATE_RULES.filter((r) => EXPERIMENT_GATE_RULES.includes(r.name))),
    gateContext: {
      config: o.config,
      monkey: experimentMonkey,
      monkeyConfig,
      now,
      store: o.store,
      groups: {},
      tally: new RunTally(),
      killSwitch: undefined,
      phase: 'plan',
    },
    monkey: experimentMonkey,
    planContext: {
      runId: o.runId,
      config: monkeyConfig,
      global: o.config,
      inventory,
      now,
      rng,
      logger: o.logger,
      signal: o.signal,
    },
    store: o.store,
    logger: o.logger,
    signal: o.signal,
    killSwitch,
  });
  return { inventory, executor, rng };
}
