import type { Action, FaultStamp, Logger, Permission } from '@simian/core';
import type { z } from 'zod';
import type { KubeCluster } from '../cluster.js';
import type { KindInfo } from '../kinds/kind.js';
import type { KubeRef } from '../ref.js';

/** What a verb gets to work with. */
export interface VerbContext {
  cluster: KubeCluster;
  kind: KindInfo;
  ref: KubeRef;
  action: Action;
  /** Passed to the API as `dryRun=All`: the call is made and validated, nothing is persisted. */
  dryRun: boolean;
  signal?: AbortSignal;
  logger: Logger;
  /** For `inject-fault`: the expiry and owner run to write on the object. */
  fault?: FaultStamp;
}

/**
 * One thing Simian can do to a Kubernetes object, whole in one file: its name, its parameters
 * (a strict schema), the kinds it applies to, the RBAC it needs, and how it runs.
 */
export interface KubeVerb<P extends z.ZodType = z.ZodType> {
  verb: string;
  description: string;
  params: P;
  appliesTo(kind: KindInfo): boolean;
  permissions(kind: KindInfo): Permission[];
  /** For a verb that injects a fault: the verb that removes it (faults are Apply/Recover pairs). */
  recoveredBy?: string;
  run(context: VerbContext, params: z.output<P>): Promise<Record<string, unknown>>;
}

/** Declares a verb with its parameter type inferred. */
export const defineVerb = <P extends z.ZodType>(verb: KubeVerb<P>): KubeVerb<P> => verb;

/** The query every mutating call carries in dry-run. */
export const dryRunQuery = (dryRun: boolean): { dryRun?: string } =>
  dryRun ? { dryRun: 'All' } : {};
