import { z } from 'zod';
import type { SimianConfig } from '../config/schema.js';
import type { Inventory } from '../inventory.js';
import type { Logger } from '../logger.js';
import type { Monkey, MonkeyBaseConfig } from '../monkey.js';
import type { Provider } from '../provider.js';
import { Registry } from '../registry.js';
import type { Reporter } from '../reporter.js';
import type { Rng } from '../rng.js';
import type { ActionExecutor } from '../safety/executor.js';
import { SafetyGate } from '../safety/gate.js';
import { GATE_RULES } from '../safety/rules/index.js';
import { monkeySafetySchema } from '../safety/schema.js';
import { scheduleSchema } from '../schedule/schema.js';
import type { Store } from '../store/store.js';
import { RunSession } from './run-session.js';

/** What an experiment activity acts through: reads via the inventory, changes via the executor. */
export interface ExperimentTargets {
  inventory: Pick<Inventory, 'provider' | 'hasProvider' | 'list' | 'listAll'>;
  executor: ActionExecutor;
  rng: Rng;
}

/**
 * An experiment is explicit, so schedules, windows and blast radius (which pace a monkey) do not
 * apply; what the resource itself says still does: kill switch, scope, protected, opt-out, and a
 * fault's expiry.
 */
export const EXPERIMENT_GATE_RULES = [
  'kill-switch',
  'scope',
  'protected',
  'opt-out',
  'fault-expiry',
];

/** The name experiment actions carry in the ledger, as `monkey`. */
export const EXPERIMENT_ACTOR = 'experiment';

/** The pseudo-monkey experiment actions carry: it may do exactly `verbs`. */
const experimentMonkey = (verbs: readonly string[]): Monkey => ({
  name: EXPERIMENT_ACTOR,
  description: 'an experiment activity',
  destructive: true,
  configSchema: z.strictObject({}),
  reads: [],
  verbs: [...verbs],
  plan: async () => ({ monkey: EXPERIMENT_ACTOR, findings: [], actions: [] }),
});

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
  /** @default none */
  reporters?: Reporter[];
  /**
   * What the experiment's activities declare they do (`provider:verb:Kind`, from each function's
   * own `verbs`): the executor refuses any other action, as it does a monkey's undeclared verb.
   * @default every verb (`*:*:*`), for callers that check activities themselves
   */
  verbs?: readonly string[];
}

/** Targets for an experiment run, and the session they act in (open it first, close it last). */
export interface ExperimentSession extends ExperimentTargets {
  session: RunSession;
}

/**
 * Targets for `simian experiment run --config`: every change goes through a {@link RunSession},
 * the road `run` and `apply` take: gated, written to the ledger, faults removed when the
 * experiment ends, fails or is interrupted, and expired faults of earlier runs reaped on open.
 */
export function createExperimentTargets(o: ExperimentTargetsOptions): ExperimentSession {
  const session = new RunSession({
    kind: 'experiment',
    config: o.config,
    registry: new Registry(),
    store: o.store,
    logger: o.logger,
    providers: o.providers,
    reporters: o.reporters ?? [],
    signal: o.signal,
    runId: o.runId,
    ...(o.rng ? { rng: o.rng } : {}),
    ...(o.env ? { env: o.env } : {}),
  });
  const monkeyConfig: MonkeyBaseConfig & Record<string, unknown> = {
    enabled: true,
    schedule: scheduleSchema.parse({}),
    safety: monkeySafetySchema.parse({}),
  };
  const monkey = experimentMonkey(o.verbs ?? ['*:*:*']);
  const planContext = session.planContext(monkey, monkeyConfig);
  planContext.logger = o.logger;
  const executor = session.executor(monkey, planContext, {
    dryRun: o.dryRun,
    gate: new SafetyGate(GATE_RULES.filter((r) => EXPERIMENT_GATE_RULES.includes(r.name))),
    gateContext: session.gateContext(monkey, monkeyConfig, {}, 'plan'),
  });
  return { inventory: session.inventory, executor, rng: session.rng, session };
}
