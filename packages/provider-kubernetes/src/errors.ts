import { ActionFailedError, TargetError, type SimianError } from '@simian/core';
import type { KindInfo } from './kinds/kind.js';
import { KubeApiError, KubeUnreachableError } from './rest/api-error.js';

/** What Simian was doing when a call failed: enough to name the resource, the call and the fix. */
export interface KubeOperation {
  context: string;
  /** The RBAC verb of the call (`list`, `get`, `delete`, `patch`, `create`). */
  rbacVerb: string;
  kind: Pick<KindInfo, 'group' | 'plural' | 'kind' | 'namespaced'>;
  namespace?: string | undefined;
  name?: string | undefined;
  subresource?: string;
  /** Simian's verb, when it differs from the RBAC verb (`evict`, `scale`, `mark`). */
  action?: string;
}

/** `pods "web-1" in namespace shop`, `nodes cluster-wide`. */
export function describeTarget(op: KubeOperation): string {
  const resource = op.subresource ? `${op.kind.plural}/${op.subresource}` : op.kind.plural;
  const named = op.name ? `${resource} "${op.name}"` : resource;
  if (!op.kind.namespaced) return op.name ? named : `${named} (cluster-scoped)`;
  return op.namespace ? `${named} in namespace ${op.namespace}` : `${named} in all namespaces`;
}

/** The RBAC rule that would allow `op`, in the form a Role or ClusterRole takes it. */
export function rbacRuleText(op: KubeOperation): string {
  const resource = op.subresource ? `${op.kind.plural}/${op.subresource}` : op.kind.plural;
  return `{ apiGroups: ["${op.kind.group}"], resources: ["${resource}"], verbs: ["${op.rbacVerb}"] }`;
}

/**
 * Turns a failed call into a `SimianError` that says which resource, which call, and what to do.
 * Listings and reads become `TargetError`s; actions become `ActionFailedError`s.
 */
export function explainKubeError(
  error: unknown,
  op: KubeOperation,
  as: 'target' | 'action',
): SimianError {
  const where = `kubernetes (context ${op.context})`;
  const doing = op.action ?? op.rbacVerb;
  const target = describeTarget(op);
  const make = (
    message: string,
    hint: string,
    code: 'TARGET_FORBIDDEN' | 'TARGET_UNREACHABLE' | 'TARGET_ERROR',
  ) =>
    as === 'action'
      ? new ActionFailedError(message, { hint, cause: error })
      : new TargetError(message, { hint, code, cause: error });

  if (error instanceof KubeUnreachableError) {
    return make(
      `${where}: could not ${doing} ${target}: ${error.message}`,
      `check that the cluster is up and the kubeconfig's server is right: \`kubectl --context ${op.context} cluster-info\``,
      'TARGET_UNREACHABLE',
    );
  }
  if (!(error instanceof KubeApiError)) {
    return make(
      `${where}: could not ${doing} ${target}: ${(error as Error)?.message ?? String(error)}`,
      'this is unexpected; run again with log.level debug and report it',
      'TARGET_ERROR',
    );
  }
  const said =
    `${error.call} answered ${error.status} ${error.reason ?? ''}: ${error.serverMessage}`.replace(
      /\s+:/,
      ':',
    );
  switch (error.status) {
    case 401:
      return make(
        `${where}: the API server rejected our credentials when we tried to ${doing} ${target} (${said})`,
        'the kubeconfig credentials expired or are wrong: log in again (or renew the token) and retry',
        'TARGET_FORBIDDEN',
      );
    case 403: {
      // Admission, not RBAC: the namespace's Pod Security level refuses the pod spec.
      if (/violates PodSecurity/.test(error.serverMessage)) {
        return make(
          `${where}: Pod Security admission refused to ${doing} ${target} (${said})`,
          `the namespace's pod-security.kubernetes.io/enforce level forbids what the change asks for; no permission fixes that: use a fault that needs no pod privilege (docs/latency.md)`,
          'TARGET_FORBIDDEN',
        );
      }
      const who = /User "([^"]+)"/.exec(error.serverMessage)?.[1];
      const scope =
        op.kind.namespaced && op.namespace
          ? `a Role in namespace ${op.namespace}`
          : 'a ClusterRole';
      return make(
        `${where}: the identity ${who ? `"${who}" ` : ''}cannot ${op.rbacVerb} ${target} (${said})`,
        `grant it ${rbacRuleText(op)} through ${scope} and a binding; \`simian doctor\` lists every permission still missing`,
        'TARGET_FORBIDDEN',
      );
    }
    case 404:
      return make(
        `${where}: ${target} was not found when we tried to ${doing} it (${said})`,
        op.name
          ? 'it was deleted in the meantime; nothing to do'
          : 'the cluster does not serve this kind: check the kind name and the API version',
        'TARGET_ERROR',
      );
    case 409:
      return make(
        `${where}: could not ${doing} ${target}: it changed or already exists (${said})`,
        'run again: the next plan reads the current state',
        'TARGET_ERROR',
      );
    case 400:
    case 422:
      return make(
        `${where}: the API server refused to ${doing} ${target} as invalid (${said})`,
        "check the action's parameters against the server's message",
        'TARGET_ERROR',
      );
    case 410:
      return make(
        `${where}: the listing of ${target} took so long that its continue token expired (${said})`,
        'lower the load on the API server or raise inventory.pageSize, and run again',
        'TARGET_ERROR',
      );
    default:
      return make(
        `${where}: could not ${doing} ${target}, even after retries (${said})`,
        error.status === 429 || error.status >= 500
          ? 'the API server is throttling or overloaded: run again later, or lower inventory.concurrency'
          : "see the server's message",
        'TARGET_ERROR',
      );
  }
}
