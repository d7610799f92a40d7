/**
 * The nouns every package shares. Providers produce `Resource`s, monkeys turn them into a `Plan`
 * of `Finding`s and `Action`s, the safety gate decides which actions may run, and the engine returns
 * a `RunResult`.
 */

import type { ResourceViews } from './views/index.js';

/** Which provider a resource comes from. */
export type ProviderName = 'kubernetes' | 'aws' | (string & {});

/**
 * A stable address of a resource: `k8s:<context>/<namespace>/<Kind>/<name>` (cluster-scoped kinds
 * use `_` as namespace), or the AWS ARN.
 */
export type ResourceRef = string;

export interface Resource {
  ref: ResourceRef;
  provider: ProviderName;
  kind: string;
  name: string;
  /** Kubernetes namespace (absent for cluster-scoped kinds). */
  namespace?: string;
  /** Kubernetes context, or AWS account id. */
  context?: string;
  /** AWS region. */
  region?: string;
  /** Kubernetes labels or AWS tags. */
  labels: Record<string, string>;
  /** Kubernetes annotations (AWS resources have none: their marks are tags). */
  annotations?: Record<string, string>;
  /**
   * Where monkeys keep state on this resource (lifecycle marks, fault expiry), whatever the
   * provider: it fills this map from the medium it uses (annotations on Kubernetes, tags on AWS),
   * and its `mark` verb writes to the same place. Monkeys read marks here, never by provider.
   */
  marks?: Record<string, string>;
  /**
   * Typed views of the object, filled by the provider for the kinds it knows (a workload's
   * replicas and health, a pod's state, an instance's state, ...). Monkeys read these, never `raw`.
   */
  views?: ResourceViews;
  /** The owner named by the configured owner label/tag, if any. */
  owner?: string;
  /** Controller owning this resource (`Deployment/web`, or an Auto Scaling group name). */
  controller?: { kind: string; name: string };
  createdAt?: string;
  /**
   * The object is on its way out without anyone's help: a Kubernetes object with a
   * deletionTimestamp, an instance shutting down, an Auto Scaling group whose deletion is in progress.
   */
  deleting?: boolean;
  /** The provider's raw object, for rules that need more than the summary. */
  raw: unknown;
}

export type Severity = 'info' | 'low' | 'medium' | 'high' | 'critical';
export const SEVERITIES: readonly Severity[] = ['info', 'low', 'medium', 'high', 'critical'];

export function severityRank(s: Severity): number {
  return SEVERITIES.indexOf(s);
}

/**
 * Something a monkey found wrong with one resource, by one rule. Every monkey makes these;
 * @simian/reporting turns them into every report format, and the store keeps their history (by
 * {@link findingId}) for trends. The rule's fields (`title`, `remediation`, `frameworks`) come from
 * its METADATA where the rule is Rego, and from the monkey otherwise.
 */
export interface Finding {
  ruleId: string;
  severity: Severity;
  monkey: string;
  resource: Pick<
    Resource,
    'ref' | 'kind' | 'name' | 'namespace' | 'region' | 'context' | 'provider' | 'owner'
  >;
  message: string;
  evidence?: Record<string, unknown>;
  /** Set when an exception applies: the finding stays visible, marked as waived. */
  waiver?: FindingWaiverInfo;
  /** A grouping such as a stack or a workload, for reports. */
  group?: string;
  /**
   * Set when an active probe showed the finding is real, not only configured: what answered, where.
   * A configuration finding without it is unconfirmed, not false.
   */
  confirmed?: { by: string; endpoint: string; detail: string };
  /** The rule's title (METADATA `title`). */
  title?: string;
  /** How to fix it (METADATA `custom.remediation`). */
  remediation?: string;
  /**
   * Frameworks and their requirements the rule maps to, each `framework:requirement`
   * (`cis-kubernetes-1.12:5.2.2`, `pss:baseline:host-namespaces`), from METADATA `custom.frameworks`.
   */
  frameworks?: string[];
}

/** Who or what excuses a finding, and until when. */
export interface FindingWaiverInfo {
  /** `annotation`: the resource waives itself; `config`: a waiver list (policy or reporting). */
  by: 'annotation' | 'config';
  owner?: string;
  reason?: string;
  /** ISO date or time after which it no longer applies. */
  expires?: string;
  approver?: string;
  ticket?: string;
}

/**
 * What an action does. Destructive verbs remove or disrupt something; marks and notifications do
 * not. The gate's blast-radius and dry-run rules apply to destructive verbs.
 */
export type ActionVerb =
  | 'evict'
  | 'delete'
  | 'terminate'
  | 'stop'
  | 'reboot'
  | 'scale'
  | 'kill-container'
  | 'inject-fault'
  | 'remove-fault'
  | 'mark'
  | 'unmark'
  | 'notify'
  | (string & {});

export const NON_DESTRUCTIVE_VERBS: ReadonlySet<string> = new Set([
  'mark',
  'unmark',
  'notify',
  'remove-fault',
  // A backup before a deletion: it adds a snapshot and changes nothing that exists.
  'create-snapshot',
]);

export function isDestructive(verb: ActionVerb): boolean {
  return !NON_DESTRUCTIVE_VERBS.has(verb);
}

export interface Action {
  /** Unique within a plan; stable across plan -> file -> apply. */
  id: string;
  monkey: string;
  verb: ActionVerb;
  resource: Pick<
    Resource,
    'ref' | 'provider' | 'kind' | 'name' | 'namespace' | 'region' | 'context' | 'labels'
  > & {
    annotations?: Record<string, string>;
    /** The resource's owner, for the events told about the action. */
    owner?: string;
    /** The marks the action's monkey had on the resource when it planned (its own keys only). */
    marks?: Record<string, string>;
  };
  /** Why the monkey wants this, in words. */
  reason: string;
  /** The rule or policy that produced it; re-checked just before the action runs. */
  ruleId?: string;
  /** The blast-radius group (a workload, an ASG, a stack). */
  group?: string;
  reversible: boolean;
  /** For reversible faults: when it must be removed, at the latest (ISO time). */
  deadline?: string;
  /**
   * For a fault (`inject-fault`) on a resource other than the object it writes (a NetworkChaos or
   * a deny NetworkPolicy it creates, a pod of a Service): the ref of the resource it is put on.
   * The executor reads that fresh too and refuses the fault when the gate would refuse it there
   * (scope, protected, opted out since planning), as for the object itself.
   */
  faultOn?: ResourceRef;
  /** Verb-specific parameters (grace period, replicas, patch, ...). */
  params?: Record<string, unknown>;
  /** Inventory kinds whose complete listing this action relies on (fail-closed). */
  dependsOn?: InventoryKey[];
}

/** Identifies one listing in the inventory: a kind in a context or region. */
export interface InventoryKey {
  provider: ProviderName;
  kind: string;
  /** Context (Kubernetes) or region (AWS). */
  scope: string;
}

export function inventoryKeyString(k: InventoryKey): string {
  return `${k.provider}:${k.scope}:${k.kind}`;
}

export interface Plan {
  monkey: string;
  findings: Finding[];
  actions: Action[];
  /** Group sizes the monkey saw, for blast-radius shares: group -> { total, healthy, desired }. */
  groups?: Record<string, GroupHealth>;
  notes?: string[];
}

export interface GroupHealth {
  total: number;
  healthy: number;
  desired?: number;
  /** Minimum healthy members this group must keep. */
  minHealthy?: number;
}

export interface DroppedAction {
  action: Action;
  /** The gate rule that dropped it. */
  rule: string;
  reason: string;
}

export interface GatedPlan {
  monkey: string;
  dryRun: boolean;
  findings: Finding[];
  allowed: Action[];
  dropped: DroppedAction[];
  /** Group health as planned, kept so a saved plan is judged by the same numbers. */
  groups?: Record<string, GroupHealth>;
  notes?: string[];
}

export type ActionStatus = 'succeeded' | 'dry-run' | 'skipped' | 'failed' | 'interrupted';

export interface ActionOutcome {
  action: Action;
  status: ActionStatus;
  /** Why it was skipped or failed. */
  reason?: string;
  /**
   * Skipped because the resource no longer exists when the executor reads it: a caller that wanted
   * it gone (a delete) has reached its end, as `kubectl delete --ignore-not-found` counts it.
   */
  gone?: true;
  startedAt: string;
  endedAt: string;
  /** Anything the provider or monkey reports back (recovery time, new object name, ...). */
  output?: Record<string, unknown>;
}

/**
 * How a run ended. `incomplete`: it finished, but a listing failed or a target could not be
 * reached or refused us (an expired token, a refused endpoint), so whatever relied on that listing
 * was not done: a CronJob whose credentials expired must not stay green.
 */
export type RunStatus = 'completed' | 'incomplete' | 'failed' | 'aborted' | 'interrupted';

export interface RunResult {
  runId: string;
  status: RunStatus;
  dryRun: boolean;
  startedAt: string;
  endedAt: string;
  monkeys: Array<{
    monkey: string;
    gated: GatedPlan;
    outcomes: ActionOutcome[];
    error?: string;
  }>;
  /** Inventory listings that failed or were incomplete. */
  incomplete: Array<{ key: string; reason: string }>;
  /**
   * Actions of earlier runs whose process died between the ledger's "started" and its end (a
   * SIGKILL, a crash), found when this run opened, with their resource read again.
   */
  unfinished?: UnfinishedAction[];
}

/** An action a process started and never finished, as the next run found it. */
export interface UnfinishedAction {
  runId: string;
  actionId: string;
  monkey: string;
  verb: string;
  ref: string;
  startedAt: string;
  /** The resource when the next run read it: it may or may not have been acted on. */
  resource: 'gone' | 'present' | 'unreadable';
}
