import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { formatDuration } from '../config/duration.js';
import type { SimianConfig } from '../config/schema.js';
import { SimianError } from '../errors.js';
import { Inventory } from '../inventory.js';
import type { Logger } from '../logger.js';
import type { ApplyContext, PlanContext } from '../monkey.js';
import type { Provider } from '../provider.js';
import type { Registry } from '../registry.js';
import { randomRng } from '../rng.js';
import { GateExecutor } from '../safety/executor.js';
import { SafetyGate } from '../safety/gate.js';
import { killSwitchReason } from '../safety/kill-switch.js';
import { RunTally, type GateContext } from '../safety/rule.js';
import type { Store } from '../store/store.js';
import type { ActionOutcome, GatedPlan, RunResult } from '../types.js';
import { isDestructive } from '../types.js';
import { buildProviders, effectiveDryRun, monkeyConfigOf, summarize } from './run.js';
import { newRunId } from './run-id.js';

/** A gated plan saved for later: only these actions may be applied, each verified again. */
export interface PlanFile {
  kind: 'simian-plan';
  version: 1;
  createdAt: string;
  runId: string;
  configFile: string;
  plans: GatedPlan[];
  /** sha256 of everything above, in canonical JSON. */
  digest: string;
}

/** JSON with sorted keys, so the digest does not depend on key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function digestOf(body: Omit<PlanFile, 'digest'>): string {
  return `sha256:${createHash('sha256').update(canonicalJson(body)).digest('hex')}`;
}

export function makePlanFile(result: RunResult, configFile: string): PlanFile {
  const body: Omit<PlanFile, 'digest'> = {
    kind: 'simian-plan',
    version: 1,
    createdAt: result.startedAt,
    runId: result.runId,
    configFile,
    plans: result.monkeys.map((m) => m.gated),
  };
  return { ...body, digest: digestOf(body) };
}

export function writePlanFile(path: string, plan: PlanFile): void {
  writeFileSync(path, `${JSON.stringify(plan, null, 2)}\n`);
}

/** Reads a plan file and refuses one that was altered or is older than `maxAgeMs`. */
export function readPlanFile(path: string, maxAgeMs: number, now = new Date()): PlanFile {
  let parsed: PlanFile;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8')) as PlanFile;
  } catch (e) {
    throw new SimianError(
      'INPUT_INVALID',
      `cannot read plan file ${path}: ${(e as Error).message}`,
      {
        hint: 'make one with `simian plan --out plan.json`',
      },
    );
  }
  if (parsed?.kind !== 'simian-plan' || parsed.version !== 1 || !Array.isArray(parsed.plans)) {
    throw new SimianError('PLAN_REJECTED', `${path} is not a Simian plan file (version 1)`, {
      hint: 'make one with `simian plan --out plan.json`',
    });
  }
  const { digest, ...body } = parsed;
  if (digestOf(body) !== digest) {
    throw new SimianError(
      'PLAN_REJECTED',
      `plan file ${path} was altered after it was written (digest mismatch)`,
      {
        hint: 'make a new plan with `simian plan --out`; a plan is applied only as it was reviewed',
      },
    );
  }
  const age = now.getTime() - new Date(parsed.createdAt).getTime();
  if (!(age <= maxAgeMs)) {
    throw new SimianError(
      'PLAN_REJECTED',
      `plan file ${path} is ${formatDuration(Math.max(0, age))} old, older than safety.planMaxAge (${formatDuration(maxAgeMs)})`,
      { hint: 'make a fresh plan; the estate may have changed since this one' },
    );
  }
  return parsed;
}

export interface ApplyPlanOptions {
  plan: PlanFile;
  config: SimianConfig;
  registry: Registry;
  store: Store;
  logger: Logger;
  dryRun?: boolean;
  signal?: AbortSignal;
  providers?: Provider[];
  now?: Date;
  env?: NodeJS.ProcessEnv;
}

/**
 * Applies exactly the allowed actions of a saved plan. Each is judged by the gate again (kill
 * switch, scope, windows, blast radius, with today's config) and re-verified on a fresh read.
 */
export async function applyPlanFile(options: ApplyPlanOptions): Promise<RunResult> {
  const { plan, config, registry, store } = options;
  const now = options.now ?? new Date();
  const runId = newRunId(now);
  const logger = options.logger.child({ runId, plan: plan.runId });
  const signal = options.signal ?? new AbortController().signal;
  const providers = options.providers ?? buildProviders(config, registry, logger);
  const providerMap = new Map(providers.map((p) => [p.name, p]));
  const gate = new SafetyGate();
  const tally = new RunTally();
  const killSwitch = () => killSwitchReason(config, providers, options.env);
  const ks = await killSwitch();
  const result: RunResult = {
    runId,
    status: 'completed',
    dryRun: false,
    startedAt: now.toISOString(),
    endedAt: now.toISOString(),
    monkeys: [],
    incomplete: [],
  };
  const monkeys = plan.plans.map((p) => registry.monkey(p.monkey));
  const dryRuns = monkeys.map((m) =>
    effectiveDryRun(config, m, monkeyConfigOf(config, m), options.dryRun),
  );
  result.dryRun = dryRuns.some(Boolean);
  store.startRun({
    id: runId,
    kind: 'apply',
    dryRun: result.dryRun,
    monkeys: monkeys.map((m) => m.name),
    startedAt: result.startedAt,
  });

  for (const [i, saved] of plan.plans.entries()) {
    const monkey = monkeys[i]!;
    const dryRun = dryRuns[i]!;
    const monkeyConfig = monkeyConfigOf(config, monkey);
    const mlog = logger.child({ monkey: monkey.name });
    const planContext: PlanContext<Record<string, unknown>> = {
      runId,
      config: monkeyConfig,
      global: config,
      inventory: new Inventory(providers, { signal }),
      now,
      rng: randomRng(),
      logger: mlog,
      signal,
    };
    const gateContext: GateContext = {
      config,
      monkey,
      monkeyConfig,
      now,
      store,
      groups: saved.groups ?? {},
      tally,
      killSwitch: ks,
      phase: 'apply-file',
    };
    const regated = await gate.filter(
      {
        monkey: monkey.name,
        findings: saved.findings,
        actions: saved.allowed,
        ...(saved.groups ? { groups: saved.groups } : {}),
      },
      gateContext,
      dryRun,
    );
    const outcomes: ActionOutcome[] = [];
    const executor = new GateExecutor({
      runId,
      dryRun,
      providers: providerMap,
      gate,
      gateContext,
      monkey,
      planContext,
      store,
      logger: mlog,
      signal,
      killSwitch,
      onOutcome: (o) => {
        outcomes.push(o);
      },
    });
    const applyContext: ApplyContext<Record<string, unknown>> = {
      ...planContext,
      dryRun,
      executor,
      emit: async () => {},
    };
    try {
      if (monkey.apply) await monkey.apply(applyContext, regated);
      else for (const a of regated.allowed) await executor.execute(a);
    } catch (e) {
      result.status = 'failed';
      result.monkeys.push({
        monkey: monkey.name,
        gated: regated,
        outcomes,
        error: (e as Error).message,
      });
      continue;
    }
    result.monkeys.push({ monkey: monkey.name, gated: regated, outcomes });
  }
  if (signal.aborted) result.status = 'interrupted';
  result.endedAt = new Date().toISOString();
  store.endRun({
    runId,
    status: result.status,
    endedAt: result.endedAt,
    summary: summarize(result),
  });
  if (!options.providers) await Promise.all(providers.map(async (p) => p.close?.()));
  return result;
}

/** Destructive actions in a plan, for the confirmation line. */
export function countDestructive(plan: PlanFile): number {
  return plan.plans.reduce((n, p) => n + p.allowed.filter((a) => isDestructive(a.verb)).length, 0);
}
