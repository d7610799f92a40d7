import type { z } from 'zod';
import type { Action, ProviderName, Resource, ResourceRef } from './types.js';
import type { Logger } from './logger.js';
import type { FaultRecord } from './faults/fault-record.js';
import type { SimianConfig } from './config/schema.js';
import type { FaultStamp } from './faults/fault-stamp.js';

/** A permission a provider call needs, as RBAC (`verbs` on `resource` in `group`) or IAM. */
export type Permission =
  | {
      kind: 'rbac';
      group: string;
      resource: string;
      verbs: string[];
      subresource?: string;
      /**
       * Only in this namespace: for objects Simian keeps in a namespace of its own (the kill
       * switch ConfigMap, the daemon's Lease), granted by a Role there. Absent: wherever the
       * target's namespaces are.
       */
      namespace?: string;
      /** Only these objects by name (RBAC `resourceNames`). Absent: any. */
      resourceNames?: string[];
    }
  | {
      kind: 'iam';
      actions: string[];
      /** Only these resources (ARNs, `*` wildcards). Absent: `*`. */
      resources?: string[];
    };

/** How a provider lists one kind: what it costs in permissions. */
export interface KindDescriptor {
  kind: string;
  permissions: Permission[];
}

export interface PermissionCheck {
  permission: Permission;
  allowed: boolean | 'unknown';
  detail?: string;
}

export interface ListOptions {
  signal?: AbortSignal;
  /** Server-side label selector where the API has one. */
  labelSelector?: string;
  /**
   * Only this Kubernetes namespace (for a namespaced kind): one request instead of a list of the
   * whole cluster, for a probe that names its `ns`. Outside the target's namespace filter, nothing.
   */
  namespace?: string;
  /**
   * Per-item details to fetch beyond the listing, each a call per item (`createVolumePermission`
   * on AWS snapshots): only the runs whose monkeys need them pay for them ({@link Monkey.details}).
   */
  details?: readonly string[];
}

/**
 * What a ref is built from: a kind and a name in one of a provider's scopes. Monkeys and activities
 * hand these to {@link Provider.ref} and never write a provider's ref format themselves.
 */
export interface RefParts {
  /** One of the provider's {@link Provider.scopes}: a Kubernetes context, an AWS region entry. */
  scope: string;
  /** The kind as {@link Provider.list} takes it: `Deployment`, `chaos-mesh.org/v1/NetworkChaos`, `Instance`. */
  kind: string;
  /** The name as `Resource.name` holds it: a Kubernetes object's name, an AWS id. */
  name: string;
  /** The Kubernetes namespace; absent for cluster-scoped kinds and for AWS. */
  namespace?: string;
  /**
   * The AWS account, as `Resource.context` holds it, for refs that name it (ARNs). Default: the
   * scope's account, known once the scope has answered a call or its entry names it.
   */
  account?: string;
}

/** What {@link Provider.readLog} reads of a container's log. */
export interface LogReadOptions {
  signal?: AbortSignal;
  /** Which container; a pod with several needs one. */
  container?: string;
  /** The previous (crashed or restarted) instance of the container. */
  previous?: boolean;
  /** Only lines written in the last so many seconds. */
  sinceSeconds?: number;
  /** Prefix every line with its RFC 3339 time. */
  timestamps?: boolean;
  /** Only the last so many lines. */
  tailLines?: number;
  /** Stop after so many bytes: a log can be larger than a probe should hold in memory. */
  limitBytes?: number;
}

export interface ExecuteOptions {
  /** Pass to APIs that support it (`dryRun=All`, EC2 `DryRun`); never skip the call silently. */
  dryRun: boolean;
  signal?: AbortSignal;
  logger: Logger;
  /**
   * For `inject-fault`: what the provider must write on the object the fault changes or creates
   * (see `faultStampValues`), so that the fault says when it ends even if Simian is gone.
   */
  fault?: FaultStamp;
}

/**
 * A report object Simian keeps in a cluster (a PolicyReport, an OpenReports Report): its own
 * output, never an object of the estate.
 */
export interface ReportObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  [field: string]: unknown;
}

/** What {@link Provider.syncReportObjects} replaces. */
export interface ReportObjectSync {
  /** The kinds it owns, `group/version/Kind` (`wgpolicyk8s.io/v1alpha2/PolicyReport`). */
  kinds: string[];
  /** Labels every object it writes carries; objects of those kinds with them, not written now, go. */
  labels: Record<string, string>;
  signal?: AbortSignal;
}

/** One file written to object storage (an S3 bucket). */
export interface ReportFile {
  bucket: string;
  key: string;
  body: string | Uint8Array;
  contentType: string;
}

/** What a verb does on a provider, and what it needs. Registered, like Custodian's actions. */
export interface VerbDescriptor {
  verb: string;
  kinds: string[];
  permissions: Permission[];
  description: string;
  /** Its parameters (a strict schema), for the docs; the provider checks them when it runs. */
  params?: z.ZodType;
  /** What dry-run does for it, in words, for the docs (the API's own dry-run, read-only checks). */
  dryRun?: string;
  /**
   * For a verb that injects a fault (`inject-fault`): the verb that removes it (`remove-fault`),
   * which the provider must also implement for the same kinds. Faults are Apply/Recover pairs.
   */
  recoveredBy?: string;
}

/**
 * A live source of resources and the only place destructive calls are made. Core never imports a
 * provider; providers register a `ProviderFactory` with the `Registry`.
 */
export interface Provider {
  readonly name: ProviderName;
  /** The contexts (Kubernetes) or regions (AWS) this provider instance serves. */
  scopes(): string[];
  /** Every item of `kind` in `scope`, paginated. Throws on failure: a failure is never empty. */
  list(kind: string, scope: string, options?: ListOptions): Promise<Resource[]>;
  /**
   * The ref of a resource from its parts, in this provider's format: the one way to address a
   * resource that was not listed (a workload by its group key, a manifest's object). Throws a
   * `SimianError` when the scope or kind is not one it serves.
   */
  ref(parts: RefParts): ResourceRef;
  /** A fresh read of one resource, for the re-check before a destructive action. */
  read(ref: ResourceRef, options?: { signal?: AbortSignal }): Promise<Resource | undefined>;
  /**
   * The log of one container of `ref` (a Kubernetes Pod). Read-only, for probes: it changes
   * nothing, so it does not pass the gate. Throws when the resource or container does not exist.
   */
  readLog?(ref: ResourceRef, options?: LogReadOptions): Promise<string>;
  /** Carry out one action. Reached only through the gate's executor. */
  execute(action: Action, options: ExecuteOptions): Promise<Record<string, unknown> | void>;
  /** Can this scope be reached, and as whom? For `simian doctor`. */
  ping?(scope: string): Promise<{ ok: boolean; identity?: string; detail?: string }>;
  /**
   * Which of `permissions` the current identity has in `scope` (SelfSubjectAccessReview, IAM
   * simulation or an equivalent). For `simian doctor`.
   */
  checkPermissions?(scope: string, permissions: Permission[]): Promise<PermissionCheck[]>;
  /**
   * Every object in `scope` that carries a Simian fault stamp (see `FAULT_ACTIVE_KEY`): for the
   * reaper, `simian faults list` and `simian faults clear`. Throws when a listing fails.
   */
  listFaults?(scope: string, options?: { signal?: AbortSignal }): Promise<FaultRecord[]>;
  /**
   * Makes Simian's report objects in `scope` exactly `objects`: each is created or replaced
   * (server-side apply), and objects of `sync.kinds` carrying `sync.labels` that are not among
   * them are deleted. Reports are Simian's own output, not actions on the estate: they pass no
   * gate and write no ledger row, and a kind the cluster does not serve is an error that names it.
   */
  syncReportObjects?(
    scope: string,
    objects: ReportObject[],
    sync: ReportObjectSync,
  ): Promise<{ applied: number; deleted: number }>;
  /**
   * Writes one report file to object storage in `scope` (default: the first), e.g. a bucket. Like
   * {@link syncReportObjects}, Simian's own output: no gate, no ledger row.
   */
  putReportFile?(
    file: ReportFile,
    options?: { scope?: string; signal?: AbortSignal },
  ): Promise<void>;
  /** A provider-side kill switch (a ConfigMap, a tag). Returns why it is engaged, if it is. */
  killSwitch?(): Promise<string | undefined>;
  /** Release connections and timers. */
  close?(): Promise<void>;
}

/** What a factory gets besides its own `targets.<name>` section. */
export interface ProviderCreateContext {
  logger: Logger;
  /** Relative paths in the target config are relative to this. */
  configDir: string;
  /** The global `inventory` section: defaults a target entry may override. */
  inventory?: { pageSize: number; ownerLabel: string; concurrency: number };
}

export interface ProviderFactory<T extends z.ZodType = z.ZodType> {
  /** Matches the key under `targets:` in simian.yaml. */
  readonly name: ProviderName;
  readonly description: string;
  /** Schema of `targets.<name>` in simian.yaml. */
  readonly targetSchema: T;
  readonly kinds: KindDescriptor[];
  readonly verbs: VerbDescriptor[];
  /**
   * What the provider itself needs under `config`, whatever the monkeys do: reading a kill switch
   * (a ConfigMap, an SSM parameter), writing report objects. `simian rbac` and `doctor` add it.
   */
  runtimePermissions?(config: z.output<T>, global: SimianConfig): Permission[];
  create(config: z.output<T>, context: ProviderCreateContext): Provider;
}
