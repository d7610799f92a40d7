import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { formatDuration } from '../config/duration.js';
import type { SimianConfig } from '../config/schema.js';
import { SimianError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Provider } from '../provider.js';
import type { Registry } from '../registry.js';
import type { Reporter } from '../reporter.js';
import type { Store } from '../store/store.js';
import type { GatedPlan, RunResult } from '../types.js';
import { isDestructive } from '../types.js';
import { effectiveDryRun, monkeyConfigOf } from './run.js';
import { RunSession } from './run-session.js';

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
  // A minute of clock skew between the planning and the applying machine is tolerated.
  if (age < -60_000) {
    throw new SimianError(
      'PLAN_REJECTED',
      `plan file ${path} says it was made at ${parsed.createdAt}, which is in the future`,
      { hint: "make a fresh plan with `simian plan --out`; check both machines' clocks" },
    );
  }
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
  /** @default the registry's */
  reporters?: Reporter[];
}

/**
 * Applies exactly the allowed actions of a saved plan, through a {@link RunSession} like `run`:
 * each action is judged by the gate again (kill switch, scope, windows, blast radius, with
 * today's config), re-verified on a fresh read, and its faults are removed on abort and error.
 */
export async function applyPlanFile(options: ApplyPlanOptions): Promise<RunResult> {
  const { plan, config, registry } = options;
  const monkeys = plan.plans.map((p) => registry.monkey(p.monkey));
  for (const m of monkeys) {
    if (!monkeyConfigOf(config, m).enabled) {
      throw new SimianError(
        'PLAN_REJECTED',
        `the plan acts for monkey "${m.name}", which is not enabled in ${config.source.file}`,
        { hint: `enable monkeys.${m.name}, or make a new plan without it` },
      );
    }
  }
  const dryRuns = monkeys.map((m) =>
    effectiveDryRun(config, m, monkeyConfigOf(config, m), options.dryRun),
  );
  const session = new RunSession({ ...options, kind: 'apply' });
  const logger = session.logger.child({ plan: plan.runId });
  const result: RunResult = {
    runId: session.runId,
    status: 'completed',
    dryRun: dryRuns.some(Boolean),
    startedAt: session.now.toISOString(),
    endedAt: session.now.toISOString(),
    monkeys: [],
    incomplete: [],
  };
  await session.open(
    monkeys.map((m) => m.name),
    result.dryRun,
  );

  for (const [i, saved] of plan.plans.entries()) {
    if (session.signal.aborted) break;
    const monkey = monkeys[i]!;
    const monkeyConfig = monkeyConfigOf(config, monkey);
    const planContext = session.planContext(monkey, monkeyConfig);
    planContext.logger = logger.child({ monkey: monkey.name });
    const gateContext = session.gateContext(monkey, monkeyConfig, saved.groups ?? {}, 'apply-file');
    const regated = await session.gate.filter(
      {
        monkey: monkey.name,
        findings: saved.findings,
        actions: saved.allowed,
        ...(saved.groups ? { groups: saved.groups } : {}),
      },
      gateContext,
      dryRuns[i]!,
    );
    const applied = await session.applyGated(monkey, regated, planContext, gateContext);
    result.monkeys.push({
      monkey: monkey.name,
      gated: regated,
      outcomes: applied.outcomes,
      ...(applied.error !== undefined ? { error: applied.error } : {}),
    });
    if (applied.error !== undefined) result.status = 'failed';
  }
  return session.close(result);
}

/** Destructive actions in a plan, for the confirmation line. */
export function countDestructive(plan: PlanFile): number {
  return plan.plans.reduce((n, p) => n + p.allowed.filter((a) => isDestructive(a.verb)).length, 0);
}
