import { type LoadedPolicy, loadPolicy } from '@open-policy-agent/opa-wasm';
import { AGGREGATE_ENTRYPOINT, type PolicyBundle, isAggregateEntrypoint } from './bundle.js';
import { PolicyEvaluationError } from './errors.js';

/** One violation as a rule returned it, with the entrypoint that produced it. */
export interface RawViolation {
  entrypoint: string;
  value: unknown;
}

/** Options of {@link WasmPolicy.load}. */
export interface WasmPolicyOptions {
  /**
   * Initial wasm memory in 64 KiB pages. opa-wasm grows memory on demand, but large inputs are
   * safer with room up front (npm-opa-wasm #89). @default 160 (10 MiB)
   */
  initialMemoryPages?: number;
  /**
   * The entrypoints to evaluate, in this order. @default the aggregate when the bundle has one,
   * otherwise every entrypoint
   */
  entrypoints?: string[];
}

/**
 * A bundle's policy.wasm, instantiated once and evaluated many times. Evaluates the
 * `simian_aggregate` entrypoint when the bundle has one (one call for every rule), otherwise each
 * entrypoint in turn (bundles built by hand with `opa build -t wasm -e ...`).
 */
export class WasmPolicy {
  readonly bundle: PolicyBundle;
  private readonly options: { initialMemoryPages: number };
  private policy: LoadedPolicy;
  private data: ArrayBuffer | undefined;
  private readonly entrypoints: string[];
  /** Evaluations since the instance was (re)created. */
  evaluations = 0;
  reloads = 0;

  private constructor(
    bundle: PolicyBundle,
    policy: LoadedPolicy,
    options: { initialMemoryPages: number },
    entrypoints: string[] | undefined,
  ) {
    this.bundle = bundle;
    this.policy = policy;
    this.options = options;
    const all = Object.keys(policy.entrypoints as Record<string, number>);
    this.entrypoints =
      entrypoints ?? (all.includes(AGGREGATE_ENTRYPOINT) ? [AGGREGATE_ENTRYPOINT] : all.sort());
  }

  /** Instantiates the bundle's wasm. */
  static async load(bundle: PolicyBundle, options: WasmPolicyOptions = {}): Promise<WasmPolicy> {
    const resolved = { initialMemoryPages: options.initialMemoryPages ?? 160 };
    const policy = await instantiate(bundle, resolved.initialMemoryPages);
    return new WasmPolicy(bundle, policy, resolved, options.entrypoints);
  }

  /** Bytes of wasm linear memory held by the current instance (it never shrinks). */
  get memoryBytes(): number {
    return this.policy.mem.buffer.byteLength;
  }

  /** Sets `data` (the bundle's data.json plus what the engine adds) as serialised JSON. */
  setData(json: ArrayBuffer): void {
    this.data = json;
    this.policy.setData(json);
  }

  /**
   * Replaces the instance by a fresh one (and sets the data again), which returns the memory the
   * old one had grown to.
   */
  async reload(): Promise<void> {
    this.policy = await instantiate(this.bundle, this.options.initialMemoryPages);
    if (this.data) this.policy.setData(this.data);
    this.evaluations = 0;
    this.reloads++;
  }

  /** Evaluates one batch; `input` is the serialised `{ resources, params }`. */
  evaluate(input: ArrayBuffer): RawViolation[] {
    const out: RawViolation[] = [];
    for (const entrypoint of this.entrypoints) {
      let resultSet: Array<{ result?: unknown }>;
      try {
        resultSet = this.policy.evaluate(input, entrypoint) as Array<{ result?: unknown }>;
      } catch (cause) {
        throw new PolicyEvaluationError(
          `evaluating ${entrypoint} of ${this.bundle.source} failed: ${describe(cause)}`,
          {
            cause,
            hint: 'run `opa test` on the Rego; a rule may produce conflicting values or call a builtin that wasm lacks',
          },
        );
      }
      this.evaluations++;
      const result = resultSet[0]?.result;
      if (!Array.isArray(result)) continue;
      if (isAggregateEntrypoint(entrypoint)) {
        for (const pair of result as Array<[string, unknown]>)
          out.push({ entrypoint: pair[0], value: pair[1] });
      } else {
        for (const value of result) out.push({ entrypoint, value });
      }
    }
    return out;
  }
}

async function instantiate(bundle: PolicyBundle, pages: number): Promise<LoadedPolicy> {
  try {
    return await loadPolicy(bundle.wasm, { initial: pages });
  } catch (cause) {
    throw new PolicyEvaluationError(
      `cannot instantiate the wasm of ${bundle.source}: ${describe(cause)}`,
      { cause },
    );
  }
}

function describe(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
