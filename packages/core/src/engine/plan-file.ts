import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { formatDuration } from '../config/duration.js';
import type { SimianConfig } from '../config/schema.js';
import { SimianError } from '../errors.js';
import { checkNesting } from '../input/depth.js';
import { readInputFile } from '../input/read-input.js';
import type { Logger } from '../logger.js';
import type { Provider } from '../provider.js';
import type { Registry } from '../registry.js';
import type { Reporter } from '../reporter.js';
import type { Store } from '../store/store.js';
import type { GatedPlan, RunResult } from '../types.js';
import { isDestructive } from '../types.js';
import { effectiveDryRun, monkeyConfigOf } from './run.js';
import { planFileSchema } from './plan-file-schema.js';
import { RunSession } from './run-session.js';

/** A gated plan saved for later: only these actions may be applied, each verified again. */
export interface PlanFile {
  kind: 'simian-plan';
  version: 1;
  createdAt: string;
  runId: string;
  configFile: string;
  plans: GatedPlan[];
  /**
   * sha256 of everything above, in canonical JSON. Anyone can recompute it: it catches accidents
   * (a truncated copy, a stray edit), not a deliberate edit.
   */
  digest: string;
  /**
   * `hmac-sha256:<hex>` of the same canonical JSON, with the plan key (`SIMIAN_PLAN_KEY` or
   * `SIMIAN_PLAN_KEY_FILE`), when one was configured at `simian plan --out`. Without the key it
   * cannot be remade, so `simian apply` (with the key) refuses a plan edited after it was signed.
   */
  signature?: string;
}

type PlanBody = Omit<PlanFile, 'digest' | 'signature'>;

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

function digestOf(body: PlanBody): string {
  return `sha256:${createHash('sha256').update(canonicalJson(body)).digest('hex')}`;
}

function signatureOf(body: PlanBody, key: Buffer): string {
  return `hmac-sha256:${createHmac('sha256', key).update(canonicalJson(body)).digest('hex')}`;
}

/** The shortest plan key taken: 32 bytes, as `openssl rand -base64 32` makes. */
const MIN_KEY_BYTES = 32;

/**
 * The plan key: `$SIMIAN_PLAN_KEY` (the key itself), else the contents of `$SIMIAN_PLAN_KEY_FILE`
 * (surrounding whitespace trimmed, so a file ending in a newline works), else none. A key that is
 * set but too short is an error: a guessable key protects nothing.
 */
export function planKeyFromEnv(env: NodeJS.ProcessEnv = process.env): Buffer | undefined {
  const inline = env['SIMIAN_PLAN_KEY'];
  const file = env['SIMIAN_PLAN_KEY_FILE'];
  let key: string | undefined;
  let from = 'SIMIAN_PLAN_KEY';
  if (inline) key = inline;
  else if (file) {
    from = `SIMIAN_PLAN_KEY_FILE (${file})`;
    key = readInputFile(file, { what: 'plan key file', maxBytes: 64 * 1024 }).trim();
  }
  if (key === undefined) return undefined;
  if (Buffer.byteLength(key) < MIN_KEY_BYTES) {
    throw new SimianError(
      'INPUT_INVALID',
      `the plan key from ${from} is ${Buffer.byteLength(key)} bytes; it needs at least ${MIN_KEY_BYTES}`,
      { hint: 'make one with: openssl rand -base64 32' },
    );
  }
  return Buffer.from(key);
}

export function makePlanFile(
  result: RunResult,
  configFile: string,
  options: { key?: Buffer } = {},
): PlanFile {
  const body: PlanBody = {
    kind: 'simian-plan',
    version: 1,
    createdAt: result.startedAt,
    runId: result.runId,
    configFile,
    plans: result.monkeys.map((m) => m.gated),
  };
  return {
    ...body,
    digest: digestOf(body),
    ...(options.key ? { signature: signatureOf(body, options.key) } : {}),
  };
}

export function writePlanFile(path: string, plan: PlanFile): void {
  // Whole or not at all: a reviewer never reads half a plan.
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, `${JSON.stringify(plan, null, 2)}\n`);
    renameSync(temporary, path);
  } catch (e) {
    rmSync(temporary, { force: true });
    throw new SimianError('INPUT_INVALID', `cannot write plan file ${path}: ${whyUnwritable(e)}`, {
      cause: e,
    });
  }
}

function whyUnwritable(e: unknown): string {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return 'its folder does not exist';
  if (code === 'EACCES' || code === 'EPERM') return `permission denied (${code})`;
  if (code === 'EISDIR') return 'it is a directory';
  return (e as Error)?.message ?? String(e);
}

export interface ReadPlanOptions {
  now?: Date;
  /** The plan key; with one, only a plan it signed is read. @default none */
  key?: Buffer;
}

/**
 * Reads a plan file and refuses one that was altered, is signed by another key (or not signed
 * while a key is configured), is not a plan, or is older than `maxAgeMs`.
 */
export function readPlanFile(
  path: string,
  maxAgeMs: number,
  options: ReadPlanOptions | Date = {},
): PlanFile {
  const { now = new Date(), key } = options instanceof Date ? { now: options } : options;
  const hint = 'make one with `simian plan --out plan.json`';
  const text = readInputFile(path, { what: 'plan file', hint });
  checkNesting(`plan file ${path}`, { text });
  let parsed: PlanFile;
  try {
    parsed = JSON.parse(text) as PlanFile;
  } catch (e) {
    throw new SimianError(
      'INPUT_INVALID',
      `plan file ${path} is not JSON: ${(e as Error).message}`,
      {
        hint,
      },
    );
  }
  if (
    typeof parsed !== 'object' ||
    parsed === null ||
    parsed.kind !== 'simian-plan' ||
    parsed.version !== 1 ||
    !Array.isArray(parsed.plans)
  ) {
    throw new SimianError('PLAN_REJECTED', `${path} is not a Simian plan file (version 1)`, {
      hint,
    });
  }
  const { digest, signature, ...body } = parsed;
  if (digestOf(body) !== digest) {
    throw new SimianError(
      'PLAN_REJECTED',
      `plan file ${path} was altered after it was written (digest mismatch)`,
      {
        hint: 'make a new plan with `simian plan --out`; a plan is applied only as it was reviewed',
      },
    );
  }
  checkSignature(path, body, signature, key);
  const shape = planFileSchema.safeParse(parsed);
  if (!shape.success) {
    const issue = shape.error.issues[0]!;
    throw new SimianError(
      'PLAN_REJECTED',
      `plan file ${path}: ${issue.path.join('.') || '(root)'}: ${issue.message}`,
      {
        hint: 'a plan file is written by `simian plan --out` and applied as it is; make a new one',
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

function checkSignature(
  path: string,
  body: PlanBody,
  signature: unknown,
  key: Buffer | undefined,
): void {
  if (!key) {
    if (signature === undefined) return;
    throw new SimianError(
      'PLAN_REJECTED',
      `plan file ${path} is signed, but no plan key is configured here to check it`,
      { hint: 'set SIMIAN_PLAN_KEY or SIMIAN_PLAN_KEY_FILE to the key it was signed with' },
    );
  }
  if (typeof signature !== 'string') {
    throw new SimianError(
      'PLAN_REJECTED',
      `plan file ${path} is not signed, and a plan key is configured: only signed plans are applied`,
      { hint: 'make the plan with the same SIMIAN_PLAN_KEY set: simian plan --out plan.json' },
    );
  }
  const expected = Buffer.from(signatureOf(body, key));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    throw new SimianError(
      'PLAN_REJECTED',
      `plan file ${path}: its signature does not match: it was edited after it was signed, or signed with another key`,
      {
        hint: 'make a new plan with `simian plan --out`; a plan is applied only as it was reviewed',
      },
    );
  }
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
