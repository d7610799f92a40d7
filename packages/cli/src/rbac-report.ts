import type { Monkey, Permission, Registry, SimianConfig } from '@simian/core';
import { experimentPermissions, type ActivityRegistry, type Experiment } from '@simian/experiments';
import { iamPolicyFor } from '@simian/provider-aws';
import {
  configMapKeyPermissions,
  limitedNamespaces,
  parseConfigMapSource,
  rbacPlan,
  renderClusterRole,
  renderRbacPlan,
  type KubernetesTargetConfig,
  type RbacPlan,
} from '@simian/provider-kubernetes';
import {
  mergePermissions,
  permissionsNeeded,
  runtimePermissions,
  type LeaseRef,
} from './permissions.js';

/** An experiment to grant, and where it was read from (a file, or `configmap://ns/name/key`). */
export interface ExperimentToGrant {
  source: string;
  experiment: Experiment;
}

/** What `simian rbac` is asked for. */
export interface RbacRequest {
  monkeys: Monkey[];
  /** simian.yaml: each monkey's own config, the targets' kill switches and namespaces. */
  config?: SimianConfig;
  experiments?: ExperimentToGrant[];
  /** The daemon's Lease (`simian daemon --lease`). */
  lease?: LeaseRef;
  /** The name of the ClusterRole and Roles. @default simian-<monkeys and experiments> */
  name?: string;
}

/** What `simian rbac` reports: the permissions, where they are granted, and the documents. */
export interface RbacAnswer {
  kubernetes?: {
    permissions: Permission[];
    plan: RbacPlan;
    /** The ClusterRole and Roles, one YAML stream. */
    manifest: string;
    /** Every permission as one ClusterRole (what a cluster-wide identity needs). */
    clusterRole: string;
  };
  aws?: { permissions: Permission[]; iamPolicy: string };
  notes: string[];
}

/**
 * The permissions the monkeys and experiments of `request` need, with what every run needs (kill
 * switches, report objects, the Lease), and the ClusterRole/Roles and IAM policy that grant them:
 * namespaced Roles where the targets are limited to namespaces, or where an experiment's
 * activities name theirs. Read from the registries and the activities' own declarations.
 */
export function rbacAnswer(
  registry: Registry,
  activities: ActivityRegistry,
  request: RbacRequest,
): RbacAnswer {
  const notes: string[] = [];
  const fromExperiments = new Map<string, Permission[]>();
  const add = (provider: string, perms: Permission[]) =>
    fromExperiments.set(provider, [...(fromExperiments.get(provider) ?? []), ...perms]);
  for (const { source, experiment } of request.experiments ?? []) {
    const declared = experimentPermissions(experiment, { activities });
    add(
      'kubernetes',
      declared.permissions.filter((p) => p.kind === 'rbac'),
    );
    add(
      'aws',
      declared.permissions.filter((p) => p.kind === 'iam'),
    );
    const where = parseConfigMapSource(source);
    if (where) add('kubernetes', configMapKeyPermissions(where));
    for (const a of declared.objectDependent)
      notes.push(
        `${source}: ${a} creates or deletes the objects its arguments name; grant those yourself`,
      );
  }
  const perms = mergePermissions(
    permissionsNeeded(registry, request.monkeys, request.config),
    fromExperiments,
    request.config
      ? runtimePermissions(registry, request.config, request.lease ? { lease: request.lease } : {})
      : runtimePermissions(registry, emptyConfig(), request.lease ? { lease: request.lease } : {}),
  );
  const name =
    request.name ??
    `simian-${[...request.monkeys.map((m) => m.name), ...(request.experiments?.length ? ['experiment'] : [])].join('-') || 'none'}`;
  const k8s = perms.get('kubernetes') ?? [];
  const aws = perms.get('aws') ?? [];
  const namespaces = limitedNamespaces(
    request.config?.targets.kubernetes as KubernetesTargetConfig | undefined,
  );
  const plan = rbacPlan(k8s, namespaces ? { namespaces } : {});
  return {
    ...(k8s.length > 0
      ? {
          kubernetes: {
            permissions: k8s,
            plan,
            manifest: renderRbacPlan(name, plan),
            clusterRole: renderClusterRole(name, k8s),
          },
        }
      : {}),
    ...(aws.length > 0 ? { aws: { permissions: aws, iamPolicy: iamPolicyFor(aws) } } : {}),
    notes,
  };
}

/** No targets: only the Lease, when asked for, is added. */
function emptyConfig(): SimianConfig {
  return { targets: {} } as SimianConfig;
}
