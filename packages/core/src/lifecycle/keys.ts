import { SimianError } from '../errors.js';

/**
 * The mark keys one monkey writes on the resources it has in its lifecycle. Each monkey has its own
 * prefix (`conformity.simian.dev`, `janitor.simian.dev`), so no monkey reads or removes another's
 * marks. The provider decides where they live (annotations on Kubernetes, tags on AWS).
 */
export interface LifecycleKeys {
  /** The rule ids that put the unit in the lifecycle, sorted and comma-separated: `K8S-A,K8S-B`. */
  rules: string;
  /** When the unit was first marked (ISO time). */
  markedAt: string;
  /** When the unit may be acted on, at the earliest (ISO time). A person may move it. */
  deleteAfter: string;
}

/** The last path segment of each key, where a monkey names one differently. */
export type LifecycleKeyNames = Partial<Record<keyof LifecycleKeys, string>>;

/** Default key names: `<prefix>/rule`, `<prefix>/marked-at`, `<prefix>/delete-after`. */
const DEFAULT_NAMES: Required<LifecycleKeyNames> = {
  rules: 'rule',
  markedAt: 'marked-at',
  deleteAfter: 'delete-after',
};

/** A DNS subdomain, as Kubernetes wants an annotation prefix; AWS tags accept it too. */
const PREFIX = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
/** An annotation name: alphanumerics with `-`, `_` or `.` inside. */
const NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;

/**
 * The keys under `prefix`. The janitor takes the defaults (`janitor.simian.dev/rule`, ...); the
 * conformity monkey names its rules key `violation`, as its marks on resources always have.
 */
export function lifecycleKeys(prefix: string, names: LifecycleKeyNames = {}): LifecycleKeys {
  if (!PREFIX.test(prefix) || prefix.length > 253) {
    throw new SimianError('WIRING', `lifecycle mark prefix "${prefix}" is not a DNS subdomain`, {
      hint: 'use a domain you own, such as janitor.simian.dev',
    });
  }
  const all = { ...DEFAULT_NAMES, ...names };
  for (const name of Object.values(all)) {
    if (!NAME.test(name) || name.length > 63) {
      throw new SimianError('WIRING', `lifecycle mark name "${name}" is not an annotation name`, {
        hint: 'alphanumerics, with -, _ or . inside, at most 63 characters',
      });
    }
  }
  return {
    rules: `${prefix}/${all.rules}`,
    markedAt: `${prefix}/${all.markedAt}`,
    deleteAfter: `${prefix}/${all.deleteAfter}`,
  };
}

/** Every key a mark sets, so an unmark removes exactly these. */
export function lifecycleKeyList(keys: LifecycleKeys): string[] {
  return [keys.rules, keys.markedAt, keys.deleteAfter];
}
