import { SEVERITIES, type Resource, type Severity } from '@simian/core';
import {
  AGGREGATE_ENTRYPOINT,
  type PolicyBundle,
  isAggregateEntrypoint,
  monkeyAggregateEntrypoint,
} from './bundle.js';
import { type PolicyResource, buildInventory, toPolicyResource } from './policy-input.js';
import { PolicyEvaluationError } from './errors.js';
import {
  EVALUATION_FAILED_RULE,
  EVALUATION_FAILED_RULE_METADATA,
  type PolicyFinding,
} from './policy-finding.js';
import type { RuleSetting } from './policy-config.js';
import { DEFAULT_RULE_MONKEY, type RuleMetadata } from './rule-metadata.js';
import { settingFor } from './rule-settings.js';
import { type Waiver, applyWaivers } from './waivers.js';
import { type RawViolation, WasmPolicy } from './wasm-policy.js';

/**
 * Resources per wasm call. Measured on 50,000 generated resources (docs/policies.md): from 25 to
 * 500 the CPU cost is flat, above that it grows; 100 keeps each call under about 10 ms, so the
 * event loop stays responsive, and wasm memory small.
 */
export const DEFAULT_BATCH_SIZE = 100;

/** Options of {@link PolicyEngine.create}. */
export interface PolicyEngineOptions {
  /** The bundles to evaluate, e.g. `[await loadBundle(builtinBundlePath())]`. */
  bundles: PolicyBundle[];
  /** The monkey that findings are attributed to. @default "conformity" */
  monkey?: string;
  /**
   * Evaluate only the rules that belong to this monkey (their METADATA's `custom.monkey`; rules
   * that name none are conformity's). `rules` lists only those. @default every rule
   */
  forMonkey?: string;
  /** Enable, disable or re-grade rules by id or pattern. @default {} */
  rules?: Record<string, RuleSetting>;
  /** Rule parameters, sent as `input.params`. @default {} */
  params?: Record<string, unknown>;
  /** The central waiver list. @default [] */
  waivers?: Waiver[];
  /** Honour `simian.dev/waive` annotations and `simian:waive` tags. @default true */
  allowAnnotationWaivers?: boolean;
  /** @default DEFAULT_BATCH_SIZE */
  batchSize?: number;
  /**
   * Replace each wasm instance after this many batches, returning the memory it grew to. 0 never
   * reloads: with opa-wasm 1.10 memory stays flat across evaluations (measured, docs/policies.md).
   * @default 0
   */
  reloadEveryBatches?: number;
  /** Kinds to publish in `data.inventory` besides those the rules' METADATA asks for. @default [] */
  inventoryKinds?: string[];
  /** Initial wasm memory per bundle, in 64 KiB pages. @default 160 */
  initialMemoryPages?: number;
}

/** Options of {@link PolicyEngine.evaluate}. */
export interface EvaluateOptions {
  /** @default the engine's batch size */
  batchSize?: number;
  /** Merged over the engine's params for this call. */
  params?: Record<string, unknown>;
  /** @default the engine's monkey */
  monkey?: string;
  /** Resources rules may look up in `data.inventory` but that are not judged themselves. @default [] */
  related?: Resource[];
  /** The time waivers are judged at. @default new Date() */
  now?: Date;
}

/** Counters for benchmarks and `simian doctor`. */
export interface PolicyEngineStats {
  batches: number;
  resources: number;
  reloads: number;
  /** wasm linear memory held now, summed over bundles. */
  wasmMemoryBytes: number;
}

/**
 * Evaluates Rego bundles over resources in process with OPA wasm. Each bundle's wasm is
 * instantiated once and reused; resources go in batches (one wasm call per batch, not per
 * resource), and related kinds (PodDisruptionBudgets, ...) are published once per call in
 * `data.inventory` so that every batch sees all of them.
 */
export class PolicyEngine {
  private readonly policies: WasmPolicy[];
  private readonly options: PolicyEngineOptions;
  private readonly catalogue = new Map<string, RuleMetadata>();
  private readonly inventoryKinds: Set<string>;
  private counters = { batches: 0, resources: 0 };
  /** Evaluations run one at a time: each publishes its own data.inventory into the shared instances. */
  private exclusive: Promise<unknown> = Promise.resolve();

  private constructor(policies: WasmPolicy[], options: PolicyEngineOptions) {
    this.policies = policies;
    this.options = options;
    for (const bundle of options.bundles) {
      for (const rule of bundle.rules) {
        if (options.forMonkey !== undefined && rule.monkey !== options.forMonkey) continue;
        if (!this.catalogue.has(rule.id)) this.catalogue.set(rule.id, rule);
      }
    }
    this.inventoryKinds = new Set(options.inventoryKinds ?? []);
    for (const rule of this.catalogue.values())
      for (const k of rule.inventoryKinds) this.inventoryKinds.add(k);
  }

  /** Instantiates every bundle's wasm. */
  static async create(options: PolicyEngineOptions): Promise<PolicyEngine> {
    const pages =
      options.initialMemoryPages === undefined
        ? {}
        : { initialMemoryPages: options.initialMemoryPages };
    const chosen = options.bundles.flatMap((bundle) => {
      const entrypoints = entrypointsFor(bundle, options.forMonkey);
      return entrypoints === undefined || entrypoints.length > 0 ? [{ bundle, entrypoints }] : [];
    });
    const policies = await Promise.all(
      chosen.map(({ bundle, entrypoints }) =>
        WasmPolicy.load(bundle, { ...pages, ...(entrypoints ? { entrypoints } : {}) }),
      ),
    );
    return new PolicyEngine(policies, options);
  }

  /** The rules of all bundles, with the configured severities and whether each is enabled. */
  get rules(): Array<RuleMetadata & { enabled: boolean }> {
    return [...this.catalogue.values()].map((rule) => {
      const setting = settingFor(this.options.rules ?? {}, rule.id);
      return {
        ...rule,
        severity: setting?.severity ?? rule.severity,
        enabled: setting?.enabled ?? true,
      };
    });
  }

  /** Counters since the engine was created. */
  stats(): PolicyEngineStats {
    return {
      ...this.counters,
      reloads: this.policies.reduce((n, p) => n + p.reloads, 0),
      wasmMemoryBytes: this.policies.reduce((n, p) => n + p.memoryBytes, 0),
    };
  }

  /**
   * Evaluates every rule over `resources` and returns the findings, waived ones included (with
   * `waiver` set), sorted by resource (in the order given) and rule. Yields to the event loop
   * between batches.
   */
  evaluate(
    resources: readonly Resource[],
    options: EvaluateOptions = {},
  ): Promise<PolicyFinding[]> {
    const run = this.exclusive.then(() => this.evaluateNow(resources, options));
    this.exclusive = run.catch(() => undefined);
    return run;
  }

  private async evaluateNow(
    resources: readonly Resource[],
    options: EvaluateOptions,
  ): Promise<PolicyFinding[]> {
    const batchSize = Math.max(
      1,
      options.batchSize ?? this.options.batchSize ?? DEFAULT_BATCH_SIZE,
    );
    const monkey = options.monkey ?? this.options.monkey ?? 'conformity';
    const params = { ...this.options.params, ...options.params };
    const byRef = new Map<string, { resource: Resource; index: number }>();
    resources.forEach((resource, index) => {
      if (!byRef.has(resource.ref)) byRef.set(resource.ref, { resource, index });
    });

    this.publishData([...resources, ...(options.related ?? [])]);
    const encoder = new TextEncoder();
    const findings: PolicyFinding[] = [];
    const reloadEvery = this.options.reloadEveryBatches ?? 0;
    for (let start = 0; start < resources.length; start += batchSize) {
      const batch: PolicyResource[] = resources
        .slice(start, start + batchSize)
        .map(toPolicyResource);
      const input = encoder.encode(JSON.stringify({ resources: batch, params }))
        .buffer as ArrayBuffer;
      for (const policy of this.policies) {
        if (reloadEvery > 0 && policy.evaluations >= reloadEvery) await policy.reload();
        for (const raw of await this.evaluateBatch(policy, batch, input, params)) {
          if ('failed' in raw) {
            findings.push(evaluationFailure(raw.failed, raw.error, monkey));
            continue;
          }
          const finding = this.toFinding(raw, monkey, (ref) => byRef.get(ref)?.resource);
          if (finding) findings.push(finding);
        }
      }
      this.counters.batches++;
      this.counters.resources += batch.length;
      await new Promise((resolve) => setImmediate(resolve));
    }

    const order = (f: PolicyFinding) => byRef.get(f.resource.ref)?.index ?? Number.MAX_SAFE_INTEGER;
    findings.sort(
      (a, b) => order(a) - order(b) || compare(a.ruleId, b.ruleId) || compare(a.message, b.message),
    );
    return applyWaivers(findings, (ref) => byRef.get(ref)?.resource, {
      waivers: this.options.waivers ?? [],
      allowAnnotationWaivers: this.options.allowAnnotationWaivers ?? true,
      now: options.now ?? new Date(),
    });
  }

  /** Whether a rule id is catalogued by some bundle, but for another monkey. */
  private foreignRule(ruleId: string): boolean {
    return this.options.bundles.some((b) => b.rules.some((r) => r.id === ruleId));
  }

  /**
   * One batch through one policy. When the batch fails (a wrongly typed field can make a builtin
   * such as sprintf fail), each resource is evaluated alone, so only the ones that fail become a
   * finding about their own document and the rest are judged as usual.
   */
  private async evaluateBatch(
    policy: WasmPolicy,
    batch: PolicyResource[],
    input: ArrayBuffer,
    params: Record<string, unknown>,
  ): Promise<Array<RawViolation | { failed: PolicyResource; error: PolicyEvaluationError }>> {
    try {
      return policy.evaluate(input);
    } catch (error) {
      if (!(error instanceof PolicyEvaluationError)) throw error;
      // The instance that failed may hold half-written memory: start from a fresh one.
      await policy.reload();
      if (batch.length === 1) return [{ failed: batch[0]!, error }];
      const out: Array<RawViolation | { failed: PolicyResource; error: PolicyEvaluationError }> =
        [];
      for (const one of batch) {
        const alone = new TextEncoder().encode(JSON.stringify({ resources: [one], params }))
          .buffer as ArrayBuffer;
        for (const r of await this.evaluateBatch(policy, [one], alone, params)) out.push(r);
      }
      return out;
    }
  }

  private publishData(resources: Resource[]): void {
    const inventory = buildInventory(resources, this.inventoryKinds);
    for (const policy of this.policies) {
      const data = { ...policy.bundle.data, inventory };
      policy.setData(new TextEncoder().encode(JSON.stringify(data)).buffer as ArrayBuffer);
    }
  }

  private toFinding(
    raw: RawViolation,
    monkey: string,
    resourceOf: (ref: string) => Resource | undefined,
  ): PolicyFinding | undefined {
    const v = (typeof raw.value === 'object' && raw.value !== null ? raw.value : {}) as Record<
      string,
      unknown
    >;
    const ruleId =
      typeof v['rule'] === 'string' ? v['rule'] : raw.entrypoint.replace(/\/violations$/, '');
    const rule = this.catalogue.get(ruleId);
    // A family can hold rules of several monkeys; the catalogue has only this engine's.
    if (!rule && this.options.forMonkey !== undefined && this.foreignRule(ruleId)) return undefined;
    const setting = settingFor(this.options.rules ?? {}, ruleId);
    if (setting?.enabled === false) return undefined;
    const ref = typeof v['ref'] === 'string' ? v['ref'] : '<unknown>';
    const resource = resourceOf(ref);
    const finding: PolicyFinding = {
      ruleId,
      severity: setting?.severity ?? rule?.severity ?? asSeverity(v['severity']) ?? 'medium',
      monkey,
      resource: resource
        ? summary(resource)
        : { ref, kind: 'unknown', name: ref, provider: 'unknown' },
      message: typeof v['message'] === 'string' ? v['message'] : (rule?.title ?? ruleId),
    };
    if (rule) {
      finding.title = rule.title;
      if (rule.remediation !== undefined) finding.remediation = rule.remediation;
      if (rule.frameworks.length > 0) finding.frameworks = rule.frameworks;
    }
    const evidence = v['evidence'];
    if (typeof evidence === 'object' && evidence !== null && !Array.isArray(evidence)) {
      finding.evidence = evidence as Record<string, unknown>;
    }
    return finding;
  }
}

/**
 * Which entrypoints of a bundle evaluate the rules of `monkey`: its own aggregate when the bundle
 * has one, the whole-bundle aggregate when every family is its, else its families one by one.
 * Families without catalogued rules (Rego without METADATA) are conformity's. Undefined: the
 * bundle's default (every rule); empty: nothing of this monkey's is in the bundle.
 */
function entrypointsFor(bundle: PolicyBundle, monkey: string | undefined): string[] | undefined {
  if (monkey === undefined) return undefined;
  if (bundle.entrypoints.includes(monkeyAggregateEntrypoint(monkey))) {
    return [monkeyAggregateEntrypoint(monkey)];
  }
  const families = bundle.entrypoints.filter((e) => !isAggregateEntrypoint(e));
  const wanted = families.filter((e) => {
    const monkeys = bundle.rules.filter((r) => r.entrypoint === e).map((r) => r.monkey);
    return monkeys.length === 0 ? monkey === DEFAULT_RULE_MONKEY : monkeys.includes(monkey);
  });
  if (wanted.length === families.length && bundle.entrypoints.includes(AGGREGATE_ENTRYPOINT)) {
    return [AGGREGATE_ENTRYPOINT];
  }
  return wanted.sort();
}

/** The finding about one object the rules could not be evaluated on. */
function evaluationFailure(
  r: PolicyResource,
  error: PolicyEvaluationError,
  monkey: string,
): PolicyFinding {
  const resource: PolicyFinding['resource'] = {
    ref: r.ref,
    kind: r.kind,
    name: r.name,
    provider: r.provider,
  };
  if (r.namespace !== undefined) resource.namespace = r.namespace;
  return {
    ruleId: EVALUATION_FAILED_RULE,
    severity: EVALUATION_FAILED_RULE_METADATA.severity,
    title: EVALUATION_FAILED_RULE_METADATA.title,
    monkey,
    resource,
    message: `the rules could not be evaluated on this object: ${error.message}`,
  };
}

function summary(r: Resource): PolicyFinding['resource'] {
  const out: PolicyFinding['resource'] = {
    ref: r.ref,
    kind: r.kind,
    name: r.name,
    provider: r.provider,
  };
  if (r.namespace !== undefined) out.namespace = r.namespace;
  if (r.region !== undefined) out.region = r.region;
  if (r.context !== undefined) out.context = r.context;
  if (r.owner !== undefined) out.owner = r.owner;
  return out;
}

function asSeverity(value: unknown): Severity | undefined {
  return SEVERITIES.includes(value as Severity) ? (value as Severity) : undefined;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
