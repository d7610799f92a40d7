import type { ExperimentTargets } from '@simian/core';
import type { z } from 'zod';
import { SimianError, type ConfigIssue } from '@simian/core';
import type { Logger } from '@simian/core';
import type { Permission } from '@simian/core';
import type { ProviderTypeName } from './schema.js';
import type { ExperimentConfiguration, ExperimentSecrets } from './substitute.js';

/** What every activity implementation is given when it runs. */
export interface ActivityContext {
  /** Aborted when the run is interrupted or the activity's own timeout passes: stop promptly. */
  signal: AbortSignal;
  logger: Logger;
  /** The experiment's resolved configuration. */
  configuration: ExperimentConfiguration;
  /** All secrets, by scope. */
  secrets: ExperimentSecrets;
  env: NodeJS.ProcessEnv;
  activity: {
    name: string;
    type: 'probe' | 'action';
    /** Steady-state probes carry a tolerance; chaoslib only warns about odd outputs without one. */
    hasTolerance: boolean;
  };
  registry: ActivityRegistry;
  /**
   * The targets of simian.yaml, for activities that act on a cluster or account: reads through
   * `inventory`, every change through `executor` (ledger, kill switch, scope, protected, opt-out,
   * dry-run). Absent when the experiment runs without a config.
   */
  targets?: ExperimentTargets;
}

/** What `check` is given: enough to resolve `${}` and look functions up, never to run anything. */
export interface CheckContext {
  registry: ActivityRegistry;
  configuration: ExperimentConfiguration;
  secrets: ExperimentSecrets;
  env: NodeJS.ProcessEnv;
  activityName: string;
  /**
   * `validate` (`simian experiment validate`): what only the run needs (an executable on this
   * machine, an opt-in) is a warning. `run`: it is an error, before anything runs.
   */
  mode: 'validate' | 'run';
}

/** A problem `check` found; a warning does not stop the run. */
export type CheckIssue = ConfigIssue & { warning?: boolean };

/**
 * Runs a `python` activity whose function Simian does not implement in a real Python process,
 * through chaoslib's own activity runner (see bridge/). Such an activity is outside Simian's gate,
 * so running one needs an explicit opt-in (`allowed`).
 */
export interface PythonBridgeRunner {
  /** Whether the user opted in (`--allow-python-bridge`, or `experiments.pythonBridge.allow`). */
  readonly allowed: boolean;
  /** How to opt in, for messages. */
  readonly optIn: string;
  /** Whether each function imports and its arguments bind (null), or why not. */
  check?(
    items: Array<{ module: string; func: string; arguments?: Record<string, unknown> }>,
  ): Promise<Array<string | null>>;
  run(
    activity: Record<string, unknown>,
    context: {
      configuration: ExperimentConfiguration;
      secrets: ExperimentSecrets;
      signal: AbortSignal;
    },
  ): Promise<unknown>;
}

/**
 * One of Chaos Toolkit's provider types (`http`, `process`, `python`): its keys, how to check it
 * before the run, and how to run it. Each lives whole in one file under `providers/`.
 */
export interface ActivityProviderType {
  readonly type: ProviderTypeName;
  readonly description: string;
  /** Schema of the provider block (after `${}` substitution). */
  readonly schema: z.ZodType;
  /** What the activity acts on, for `experiment validate`: a URL, an executable, `module.func`. */
  target(provider: Record<string, unknown>): string;
  /** Whether Simian runs it itself (no Python needed). */
  native(provider: Record<string, unknown>, registry: ActivityRegistry): boolean;
  /** Problems found before anything runs; paths are relative to the provider block. */
  check(provider: Record<string, unknown>, context: CheckContext): CheckIssue[];
  run(provider: Record<string, unknown>, context: ActivityContext): Promise<unknown>;
}

/** What a Python-named function is given: chaoslib passes `configuration` and `secrets` the same way. */
export interface PythonFunctionContext extends Omit<ActivityContext, 'secrets'> {
  /** The secrets of the scopes the provider names in `secrets: [scope, ...]`, merged. */
  secrets: Record<string, unknown>;
}

/**
 * A Simian implementation of a function that experiments call as a Python provider
 * (`{type: python, module: chaosk8s.pod.actions, func: terminate_pods}`), so the experiment runs
 * without Python. Register it under its dotted name with `registerPythonFunction`.
 */
export interface PythonFunction<S extends z.ZodType = z.ZodType> {
  /** One line, for `experiment validate` and the docs. */
  readonly description: string;
  /** Whether experiments use it to observe (probe), to change something (action), or either. */
  readonly kind: 'probe' | 'action' | 'any';
  /** Schema of `provider.arguments`: a `z.strictObject`, so a misspelt argument is an error. */
  readonly arguments: S;
  /** What it needs from the target, for `simian doctor` and the Helm chart's RBAC. */
  readonly permissions?: Permission[];
  /**
   * What it needs for these arguments, when that is less than `permissions` (a read by name needs
   * `get`, a label selector `list`): `simian rbac --experiment` grants this, so an experiment's
   * account holds no rule its run does not use. Absent: `permissions`.
   */
  readonly permissionsFor?: (args: z.output<S>) => Permission[];
  /**
   * What it asks the executor to do, `provider:verb:Kind` (`kubernetes:delete:Pod`); `*` for the
   * provider and kind when they come from the arguments (a manifest's objects). An experiment may
   * do exactly what its activities declare here, and the executor refuses anything else. Absent:
   * it changes nothing through Simian's providers.
   */
  readonly verbs?: readonly string[];
  /** An activity that calls it, as written in an experiment: for the docs and the meta-tests. */
  readonly example: Record<string, unknown>;
  run(args: z.output<S>, context: PythonFunctionContext): Promise<unknown>;
}

/** A registered function with its dotted name. */
export type NamedPythonFunction = PythonFunction & { readonly name: string };

const DOTTED = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)+$/;

/**
 * Where provider types and Python-named functions make themselves known. Core's builtins come from
 * `createActivityRegistry()`; other packages add theirs (`chaosk8s.*` from the Kubernetes provider
 * and the chaos monkey) with `registerPythonFunction`. Wiring mistakes fail here, at start.
 */
export class ActivityRegistry {
  readonly #providerTypes = new Map<string, ActivityProviderType>();
  readonly #functions = new Map<string, NamedPythonFunction>();
  #bridge: PythonBridgeRunner | undefined;

  /** Lets `python` activities Simian does not implement run in the Python bridge. */
  usePythonBridge(bridge: PythonBridgeRunner | undefined): this {
    this.#bridge = bridge;
    return this;
  }

  /** The Python bridge, when one is attached. */
  pythonBridge(): PythonBridgeRunner | undefined {
    return this.#bridge;
  }

  registerProviderType(providerType: ActivityProviderType): this {
    if (this.#providerTypes.has(providerType.type)) {
      throw wiring(`provider type "${providerType.type}" is registered twice`);
    }
    this.#providerTypes.set(providerType.type, providerType);
    return this;
  }

  /**
   * Registers `impl` under the dotted name experiments use: the Python module, a dot, the function
   * (`chaosprometheus.probes.query`).
   */
  registerPythonFunction<S extends z.ZodType>(name: string, impl: PythonFunction<S>): this {
    if (!DOTTED.test(name)) {
      throw wiring(`Python function name "${name}" must be "module.function" (dotted)`);
    }
    if (this.#functions.has(name)) throw wiring(`Python function "${name}" is registered twice`);
    const def = (impl.arguments as unknown as { _zod: { def: ZodDefLike } })._zod.def;
    if (def.type !== 'object' || def.catchall?._zod.def.type !== 'never') {
      throw wiring(
        `Python function "${name}" has an arguments schema that accepts unknown keys`,
        'build it with z.strictObject so a misspelt argument is an error',
      );
    }
    this.#functions.set(name, { ...(impl as unknown as PythonFunction), name });
    return this;
  }

  providerType(type: string): ActivityProviderType {
    const found = this.#providerTypes.get(type);
    if (!found) {
      throw new SimianError('INPUT_INVALID', `unknown provider type "${type}"`, {
        hint: `known provider types: ${[...this.#providerTypes.keys()].join(', ') || 'none'}`,
      });
    }
    return found;
  }

  findPythonFunction(module: string, func: string): NamedPythonFunction | undefined {
    return this.#functions.get(`${module}.${func}`);
  }

  /** The function for `module.func`, or an error that names both and says what Simian can run. */
  pythonFunction(module: string, func: string, activityName?: string): NamedPythonFunction {
    const found = this.findPythonFunction(module, func);
    if (found) return found;
    const prefix = `${module}.`;
    const sameModule = this.pythonFunctions()
      .filter((f) => f.name.startsWith(prefix))
      .map((f) => f.name.slice(prefix.length));
    const hint = sameModule.length
      ? `Simian implements these functions of ${module}: ${sameModule.join(', ')}`
      : `Simian implements no function of module ${module}; it implements: ${this.modules().join(', ') || 'none'} (see docs/experiments.md)`;
    const who = activityName ? `activity "${activityName}" calls` : 'a Python activity calls';
    return unknownFunction(
      `${who} ${module}.${func} (module ${module}, function ${func}), which Simian does not implement`,
      hint,
    );
  }

  pythonFunctions(): NamedPythonFunction[] {
    return [...this.#functions.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  providerTypes(): ActivityProviderType[] {
    return [...this.#providerTypes.values()];
  }

  /** The Python modules that have at least one registered function. */
  modules(): string[] {
    const names = this.pythonFunctions().map((f) => f.name.slice(0, f.name.lastIndexOf('.')));
    return [...new Set(names)];
  }
}

interface ZodDefLike {
  type: string;
  catchall?: { _zod: { def: { type: string } } };
}

function unknownFunction(message: string, hint: string): never {
  throw new SimianError('INPUT_INVALID', message, { hint });
}

function wiring(message: string, hint?: string): SimianError {
  return new SimianError('WIRING', message, hint ? { hint } : {});
}
