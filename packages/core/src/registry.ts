import type { z } from 'zod';
import { SimianError } from './errors.js';
import type { Monkey } from './monkey.js';
import type { ProviderFactory } from './provider.js';
import type { Feature } from './feature.js';
import type { Reporter } from './reporter.js';
import { recoveryVerbOf } from './faults/fault-pairs.js';

const NAME = /^[a-z][a-z0-9-]*$/;

/** What one feature registered. */
export interface FeatureContributions {
  monkeys: string[];
  providers: string[];
  activities: string[];
}

/**
 * Where monkeys, providers and reporters make themselves known. Core imports none of them: the CLI
 * (or a test) builds a registry and hands it to the engine. Mistakes in wiring fail here, at start,
 * with a message that says what to fix.
 */
export class Registry {
  readonly #monkeys = new Map<string, Monkey>();
  readonly #providers = new Map<string, ProviderFactory>();
  readonly #reporters: Reporter[] = [];
  readonly #features: Array<{ feature: Feature; contributes: FeatureContributions }> = [];
  readonly #activityFunctions = new Map<string, object>();
  #current: FeatureContributions | undefined;

  /** Registers everything `feature` contributes, and remembers what that was. */
  registerFeature(feature: Feature): this {
    checkName('feature', feature.name);
    if (this.#features.some((f) => f.feature.name === feature.name)) {
      throw wiring(`feature "${feature.name}" is registered twice`);
    }
    const contributes: FeatureContributions = { monkeys: [], providers: [], activities: [] };
    this.#current = contributes;
    try {
      feature.register(this);
    } finally {
      this.#current = undefined;
    }
    this.#features.push({ feature, contributes });
    return this;
  }

  /** Features registered so far, with what each contributed. */
  features(): Array<{ feature: Feature; contributes: FeatureContributions }> {
    return [...this.#features];
  }

  /**
   * An experiment activity function under the dotted name experiments call it by
   * (`chaosk8s.pod.actions.terminate_pods`). Core keeps it as given; `@simian/experiments` checks
   * its shape when it builds the activity registry from these.
   */
  registerActivityFunction(name: string, fn: object): this {
    if (this.#activityFunctions.has(name)) {
      throw wiring(`activity function "${name}" is registered twice`);
    }
    this.#activityFunctions.set(name, fn);
    this.#current?.activities.push(name);
    return this;
  }

  /** Every registered activity function, by dotted name. */
  activityFunctions(): Array<[string, object]> {
    return [...this.#activityFunctions.entries()];
  }

  registerMonkey<S extends z.ZodObject>(monkey: Monkey<S>): this {
    checkName('monkey', monkey.name);
    if (this.#monkeys.has(monkey.name)) {
      throw wiring(`monkey "${monkey.name}" is registered twice`);
    }
    if (monkey.configSchema._zod.def.catchall?._zod.def.type !== 'never') {
      throw wiring(
        `monkey "${monkey.name}" has a config schema that accepts unknown keys`,
        'build it with z.strictObject so typos in simian.yaml are errors',
      );
    }
    this.#monkeys.set(monkey.name, monkey as unknown as Monkey);
    this.#current?.monkeys.push(monkey.name);
    return this;
  }

  registerProvider(factory: ProviderFactory): this {
    checkName('provider', factory.name);
    if (this.#providers.has(factory.name)) {
      throw wiring(`provider "${factory.name}" is registered twice`);
    }
    checkFaultPairs(factory);
    this.#providers.set(factory.name, factory);
    this.#current?.providers.push(factory.name);
    return this;
  }

  registerReporter(reporter: Reporter): this {
    this.#reporters.push(reporter);
    return this;
  }

  monkeys(): Monkey[] {
    return [...this.#monkeys.values()];
  }

  monkey(name: string): Monkey {
    const m = this.#monkeys.get(name);
    if (!m) {
      const known = [...this.#monkeys.keys()].join(', ') || 'none';
      throw new SimianError('INPUT_INVALID', `no monkey named "${name}"`, {
        hint: `registered monkeys: ${known}`,
      });
    }
    return m;
  }

  providers(): ProviderFactory[] {
    return [...this.#providers.values()];
  }

  reporters(): Reporter[] {
    return [...this.#reporters];
  }
}

/** Every verb that injects a fault names its recovery, which the provider implements for its kinds. */
function checkFaultPairs(factory: ProviderFactory): void {
  for (const v of factory.verbs) {
    const recovery = recoveryVerbOf(v.verb);
    if (!recovery) continue;
    if (v.recoveredBy !== recovery) {
      throw wiring(
        `provider "${factory.name}": verb "${v.verb}" must name "${recovery}" as recoveredBy`,
        'every fault is an Apply/Recover pair (docs/architecture.md)',
      );
    }
    // A provider may describe a verb once per kind: every description of the recovery counts.
    const removable = factory.verbs.filter((r) => r.verb === recovery).flatMap((r) => r.kinds);
    const missing = v.kinds.filter((k) => !removable.includes(k));
    if (missing.length > 0) {
      throw wiring(
        `provider "${factory.name}" injects faults on ${missing.join(', ')} but cannot remove them ("${recovery}")`,
        'implement the recovery verb for the same kinds',
      );
    }
  }
}

function checkName(what: string, name: string): void {
  if (!NAME.test(name)) {
    throw wiring(`${what} name "${name}" must be lower-case letters, digits and dashes`);
  }
}

function wiring(message: string, hint?: string): SimianError {
  return new SimianError('WIRING', message, hint ? { hint } : {});
}
