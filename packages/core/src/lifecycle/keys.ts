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
  /**
   * When the monkey first saw the condition a rule counts from, where the API does not say since
   * when (a volume unattached, a claim mounted by nothing). Written before the unit is marked.
   */
  firstSeen?: string;
  /** When the owner was told of the mark: the run that marks a unit tells its reporters. */
  notifiedAt?: string;
  /** For an act in several steps (stop, then terminate): the last step done. */
  step?: string;
  /** When that step was done (ISO time): the next one waits from here. */
  stepAt?: string;
}

/** The keys a monkey may add to the three every lifecycle has. */
export type LifecycleExtraKey = 'firstSeen' | 'notifiedAt' | 'step' | 'stepAt';

/** The last path segment of each key, where a monkey names one differently. */
export type LifecycleKeyNames = Partial<Record<keyof LifecycleKeys, string>>;

/** Default key names: `<prefix>/rule`, `<prefix>/marked-at`, `<prefix>/delete-after`, ... */
const DEFAULT_NAMES: Required<LifecycleKeyNames> = {
  rules: 'rule',
  markedAt: 'marked-at',
  deleteAfter: 'delete-after',
  firstSeen: 'first-seen',
  notifiedAt: 'notified-at',
  step: 'step',
  stepAt: 'step-at',
};

const BASE = ['rules', 'markedAt', 'deleteAfter'] as const;

/** A DNS subdomain, as Kubernetes wants an annotation prefix; AWS tags accept it too. */
const PREFIX = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
/** An annotation name: alphanumerics with `-`, `_` or `.` inside. */
const NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;

/**
 * The keys under `prefix`. The conformity monkey names its rules key `violation`, as its marks on
 * resources always have; the janitor adds the keys it needs besides the three every lifecycle has
 * (`extra`: when it first saw a volume unattached, when it told the owner, its steps).
 */
export function lifecycleKeys(
  prefix: string,
  names: LifecycleKeyNames = {},
  extra: readonly LifecycleExtraKey[] = [],
): LifecycleKeys {
  if (!PREFIX.test(prefix) || prefix.length > 253) {
    throw new SimianError('WIRING', `lifecycle mark prefix "${prefix}" is not a DNS subdomain`, {
      hint: 'use a domain you own, such as janitor.simian.dev',
    });
  }
  const all = { ...DEFAULT_NAMES, ...names };
  const wanted = [...BASE, ...extra];
  for (const field of wanted) {
    const name = all[field];
    if (!NAME.test(name) || name.length > 63) {
      throw new SimianError('WIRING', `lifecycle mark name "${name}" is not an annotation name`, {
        hint: 'alphanumerics, with -, _ or . inside, at most 63 characters',
      });
    }
  }
  return Object.fromEntries(
    wanted.map((field) => [field, `${prefix}/${all[field]}`]),
  ) as unknown as LifecycleKeys;
}

/** Every key a mark may set, so an unmark removes exactly these. */
export function lifecycleKeyList(keys: LifecycleKeys): string[] {
  return [
    keys.rules,
    keys.markedAt,
    keys.deleteAfter,
    ...[keys.firstSeen, keys.notifiedAt, keys.step, keys.stepAt].filter(
      (k): k is string => k !== undefined,
    ),
  ];
}
