// Runs one drawn case through its road (run twice; plan then apply; an experiment) over an
// estate provider and an in-memory store, and judges every session by the oracle.
import {
  applyPlanFile,
  createExperimentTargets,
  declaresVerb,
  isDestructive,
  makePlanFile,
  monkeyReads,
  monkeyVerbs,
  parseConfigText,
  readFaultStamp,
  runMonkeys,
  seededRng,
  silentLogger,
  Store,
  type MonkeyBaseConfig,
  type Registry,
  type Resource,
  type RunResult,
  type SimianConfig,
} from '@simian/core';
import { parseExperimentText, runExperiment, type ActivityRegistry } from '@simian/experiments';
import type { SafetyCase } from './draw.js';
import { CONTEXTS, estateResources, LABELS, REGIONS } from './estate.js';
import { EstateProvider, type ProviderCall } from './estate-provider.js';
import { judgeSession, type DrawnConfig, type SessionRecord } from './oracle.js';

/** What one case came to. */
export interface CaseReport {
  broken: string[];
  /** Provider calls, dry runs included. */
  calls: number;
  /** Calls that changed something (not dry-run, not refused). */
  writes: number;
  /** Destructive calls that changed something a second time on one resource in one session. */
  duplicated: number;
  sessions: number;
}

const KILL = 'SIMIAN_KILL_SWITCH';
const logger = silentLogger();

export async function runSafetyCase(
  c: SafetyCase,
  registry: Registry,
  activities: ActivityRegistry,
): Promise<CaseReport> {
  // A folder that does not exist: the kill switch file is never there, nothing is written.
  const config = parseConfigText(
    JSON.stringify(c.config),
    '/nonexistent/simian-properties/simian.yaml',
    registry,
    { env: {} },
  );
  const resources = estateResources(c.estate);
  const calls: ProviderCall[] = [];
  const k8s = new EstateProvider('kubernetes', CONTEXTS, resources.kubernetes, calls);
  const aws = new EstateProvider('aws', REGIONS, resources.aws, calls);
  const providers = [k8s, aws];
  const store = new Store(':memory:');
  // The kill switch is read again before each action; actions of other groups run concurrently,
  // so one may have read it just before it was engaged. Counting the reads bounds how many such
  // actions may still reach a provider after engagement (zero when there was no concurrency).
  let reads = 0;
  const env: NodeJS.ProcessEnv = new Proxy<NodeJS.ProcessEnv>(
    {},
    {
      get(target, key) {
        if (key === KILL) reads++;
        return target[key as string];
      },
    },
  );
  let opened = 0;
  let inFlight = 0;
  const report: CaseReport = { broken: [], calls: 0, writes: 0, duplicated: 0, sessions: 0 };
  const allCalls = () => calls;
  const snapshot = () => JSON.stringify([...k8s.resources.values(), ...aws.resources.values()]);

  // The ledger row is written before the provider is called.
  for (const p of providers) {
    p.beforeCall = (action) => {
      const started = store
        .ledger({ limit: 100_000 })
        .some(
          (e) =>
            e.actionId === action.id && e.ref === action.resource.ref && e.status === 'started',
        );
      if (!started)
        report.broken.push(
          `${action.verb} ${action.resource.ref}: provider called before its ledger row`,
        );
      if (c.killSwitch.at === 'call' && action.verb !== 'remove-fault') {
        killCountdown--;
        if (killCountdown === 0) {
          env[KILL] = '1';
          // This call is already past the switch; later ones may be only those that had read it.
          killedAtCall = calls.length + 1;
          const checksDone = calls.filter((x) => x.verb !== 'remove-fault').length + 1;
          inFlight = Math.max(0, reads - opened - checksDone);
        }
      }
    };
  }
  let killCountdown = c.killSwitch.at === 'call' ? c.killSwitch.after + 1 : -1;
  let killedAtCall: number | undefined;
  if (c.killSwitch.at === 'start') env[KILL] = 'on';

  const session = async (
    road: SessionRecord['road'],
    now: Date,
    go: () => Promise<RunResult | undefined>,
  ) => {
    const before = allCalls().length;
    const state = snapshot();
    const budgets = k8s.budgetsNow();
    opened++;
    const switchedAt = env[KILL] ? 0 : undefined;
    const result = await go();
    const calls = allCalls().slice(before);
    const killedAfter =
      switchedAt ?? (killedAtCall !== undefined ? Math.max(0, killedAtCall - before) : undefined);
    const record: SessionRecord = {
      road,
      now,
      calls,
      result,
      killSwitchAfter: killedAfter,
      killSwitchInFlight: switchedAt === 0 ? 0 : inFlight,
      dryRunFlag: c.dryRunFlag,
      changed: snapshot() !== state,
      runId: result?.runId,
    };
    report.sessions++;
    report.calls += calls.length;
    const done = calls.filter((x) => !x.dryRun && x.answer === 'done');
    report.writes += done.length;
    const keys = done.filter((x) => isDestructive(x.verb)).map((x) => `${x.verb} ${x.ref}`);
    report.duplicated += keys.length - new Set(keys).size;
    report.broken.push(...undeclared(calls, registry, config));
    // Faults are always removed: none outlives the session that injected it.
    if (road !== 'plan') report.broken.push(...faultsLeft(road, providers));
    report.broken.push(
      ...judgeSession(c.config as unknown as DrawnConfig, config, record, store, budgets, (pod) =>
        k8s.budgetOf(pod),
      ),
    );
  };

  const later = new Date(c.now.getTime() + c.later);
  const base = { config, registry, store, logger, providers, env, reporters: [] };
  const dry = c.dryRunFlag === undefined ? {} : { dryRun: c.dryRunFlag };
  try {
    if (c.road === 'run') {
      await session('run', c.now, () =>
        runMonkeys({ ...base, ...dry, mode: 'run', now: c.now, rng: seededRng(1) }),
      );
      optOut(c, k8s, aws);
      await session('run', later, () =>
        runMonkeys({ ...base, ...dry, mode: 'run', now: later, rng: seededRng(2) }),
      );
    } else if (c.road === 'plan-apply') {
      let planned: RunResult | undefined;
      await session('plan', c.now, async () => {
        planned = await runMonkeys({ ...base, mode: 'plan', now: c.now, rng: seededRng(1) });
        return planned;
      });
      optOut(c, k8s, aws);
      const plan = makePlanFile(planned!, config.source.file);
      await session('apply', later, () => applyPlanFile({ ...base, ...dry, plan, now: later }));
    } else {
      await session('experiment', c.now, () =>
        experiment(c, config, providers, store, env, activities),
      );
    }
  } finally {
    store.close();
  }
  return report;
}

/**
 * Calls a monkey did not declare (`provider:verb:Kind`, under its config): the executor refuses
 * them before the provider (docs/safety.md), so a report-only monkey (no verbs) makes none at all.
 */
function undeclared(calls: ProviderCall[], registry: Registry, config: SimianConfig): string[] {
  const monkeys = new Map(registry.monkeys().map((m) => [m.name, m]));
  return calls.flatMap((call) => {
    // Experiment activities act for no monkey; their own promises are judged by the oracle.
    const monkey = monkeys.get(call.action.monkey);
    if (!monkey) return [];
    const section = (config.monkeys as Record<string, MonkeyBaseConfig | undefined>)[monkey.name];
    const declared = { reads: monkeyReads(monkey, section), verbs: monkeyVerbs(monkey, section) };
    return declaresVerb(declared, call.provider, call.verb, call.action.resource.kind)
      ? []
      : [
          `${call.verb} ${call.ref} by ${monkey.name}: a verb it did not declare reached the provider`,
        ];
  });
}

/** Every fault stamp still on the estate, in words. */
function faultsLeft(road: SessionRecord['road'], providers: EstateProvider[]): string[] {
  return providers.flatMap((p) =>
    [...p.resources.values()]
      .filter((r) => readFaultStamp(r.marks ?? {}) !== undefined)
      .map((r) => `${road}: a fault is left on ${r.ref} after the session`),
  );
}

/** Opts out the drawn resources, as an owner would between two runs (or a plan and its apply). */
function optOut(c: SafetyCase, ...providers: EstateProvider[]): void {
  const all = providers.flatMap((p) => [...p.resources.values()]);
  for (const i of c.optOutBetween) {
    const r: Resource | undefined = all[i % Math.max(1, all.length)];
    if (r) r.labels[LABELS.optOut] = 'true';
  }
}

/** chaosk8s terminate_pods through the experiment targets: the third road. */
async function experiment(
  c: SafetyCase,
  config: SimianConfig,
  providers: EstateProvider[],
  store: Store,
  env: NodeJS.ProcessEnv,
  activities: ActivityRegistry,
): Promise<RunResult> {
  const runId = `exp-${Math.floor(c.now.getTime() / 1000)}`;
  const dryRun = c.dryRunFlag === true;
  const targets = createExperimentTargets({
    config,
    providers,
    store,
    runId,
    dryRun,
    signal: new AbortController().signal,
    logger,
    rng: seededRng(3),
    env,
  });
  const e = c.experiment;
  const text = JSON.stringify({
    title: 'terminate pods',
    description: 'drawn',
    configuration: { kubernetes_context: e.context },
    method: [
      {
        type: 'action',
        name: 'terminate',
        provider: {
          type: 'python',
          module: 'chaosk8s.pod.actions',
          func: 'terminate_pods',
          arguments: {
            ns: e.ns,
            all: e.all,
            ...(e.selector ? { label_selector: e.selector } : {}),
          },
        },
      },
    ],
  });
  const result: RunResult = {
    runId,
    status: 'completed',
    dryRun,
    startedAt: c.now.toISOString(),
    endedAt: c.now.toISOString(),
    monkeys: [],
    incomplete: [],
  };
  await targets.session.open(['experiment'], dryRun);
  try {
    await runExperiment(parseExperimentText(text, 'drawn.json', { activities }), {
      activities,
      targets,
      logger,
      env,
      ...(dryRun ? { dryRun: true } : {}),
    });
  } finally {
    await targets.session.close(result);
  }
  return result;
}
