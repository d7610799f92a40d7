import { createHash } from 'node:crypto';
import { ActionFailedError, type FaultStamp } from '@simian/core';
import { z } from 'zod';
import { explainKubeError } from '../errors.js';
import { resourcePath, type KubeObject } from '../kinds/kind.js';
import { buildRef } from '../ref.js';
import { KubeApiError } from '../rest/api-error.js';
import { dryRunQuery, type VerbContext } from '../verbs/verb.js';
import { recoveryOf, stampMetadata, unstampMetadata } from './stamp.js';

/** The routes as they were before the fault (JSON), for `remove-fault` to put back exactly. */
export const PREVIOUS_HTTP_KEY = 'faults.simian.dev/previous-http';
/** A hash of the routes as the fault left them: unchanged routes are restored wholesale. */
export const FAULTED_HTTP_KEY = 'faults.simian.dev/faulted-http-sha256';

/** An Istio HTTP fault: a delay, an abort, or both, on a share of the requests. */
export const httpFaultSchema = z.strictObject({
  /**
   * Only the routes that send traffic to this host (a Service name, short or fully qualified).
   * @default every HTTP route
   */
  host: z.string().min(1).optional(),
  delay: z
    .strictObject({
      fixedDelayMs: z.int().min(1),
      /** @default 100 */
      percent: z.number().gt(0).max(100).default(100),
    })
    .optional(),
  abort: z
    .strictObject({
      httpStatus: z.int().min(200).max(599),
      /** @default 100 */
      percent: z.number().gt(0).max(100).default(100),
    })
    .optional(),
});
export type HttpFault = z.output<typeof httpFaultSchema>;

interface HttpRoute {
  route?: Array<{ destination?: { host?: string } }>;
  fault?: unknown;
  [field: string]: unknown;
}

/** Istio's `fault` field for `fault`. */
export function istioFault(fault: HttpFault): Record<string, unknown> {
  return {
    ...(fault.delay
      ? {
          delay: {
            fixedDelay: `${fault.delay.fixedDelayMs}ms`,
            percentage: { value: fault.delay.percent },
          },
        }
      : {}),
    ...(fault.abort
      ? {
          abort: {
            httpStatus: fault.abort.httpStatus,
            percentage: { value: fault.abort.percent },
          },
        }
      : {}),
  };
}

/** Whether a route destination `host` names `service` of `namespace` (short, or qualified). */
export function hostNames(host: string | undefined, service: string, namespace: string): boolean {
  if (!host) return false;
  const short = service.split('.')[0]!;
  const ns = service.includes('.') ? service.split('.')[1]! : namespace;
  return [
    short,
    `${short}.${ns}`,
    `${short}.${ns}.svc`,
    `${short}.${ns}.svc.cluster.local`,
  ].includes(host);
}

/** JSON with object keys sorted: the API server stores custom objects with their keys reordered. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}
const sha = (value: unknown) => createHash('sha256').update(canonical(value)).digest('hex');

/** The routes with the fault on the ones `fault.host` picks (all when it names none). */
export function faultedRoutes(
  routes: readonly HttpRoute[],
  fault: HttpFault,
  namespace: string,
): { routes: HttpRoute[]; faulted: number } {
  const picks = (r: HttpRoute) =>
    !fault.host ||
    (r.route ?? []).some((d) => hostNames(d.destination?.host, fault.host!, namespace));
  let faulted = 0;
  const out = routes.map((r) => {
    if (!picks(r)) return r;
    faulted++;
    return { ...r, fault: istioFault(fault) };
  });
  return { routes: out, faulted };
}

async function readObject(context: VerbContext): Promise<KubeObject> {
  const { cluster, kind, ref, signal } = context;
  try {
    return await cluster.client.call<KubeObject>({
      method: 'GET',
      path: resourcePath(kind, { namespace: ref.namespace, name: ref.name }),
      ...(signal ? { signal } : {}),
    });
  } catch (error) {
    throw explainKubeError(
      error,
      { context: cluster.name, rbacVerb: 'get', kind, namespace: ref.namespace, name: ref.name },
      'action',
    );
  }
}

async function mergePatch(context: VerbContext, body: unknown): Promise<KubeObject> {
  const { cluster, kind, ref, dryRun, signal } = context;
  return cluster.client.call<KubeObject>({
    method: 'PATCH',
    path: resourcePath(kind, { namespace: ref.namespace, name: ref.name }),
    query: dryRunQuery(dryRun),
    contentType: 'application/merge-patch+json',
    body,
    ...(signal ? { signal } : {}),
  });
}

const patchFailed = (context: VerbContext, error: unknown) =>
  explainKubeError(
    error,
    {
      context: context.cluster.name,
      rbacVerb: 'patch',
      kind: context.kind,
      namespace: context.ref.namespace,
      name: context.ref.name,
      action: context.action.verb,
    },
    'action',
  );

/**
 * Tries `attempt` again on a write conflict (the object changed since it was read, so the
 * resourceVersion in the patch no longer matches), up to 3 times: never an overwrite on a stale read.
 */
async function onFreshRead<T>(attempt: () => Promise<T>): Promise<T> {
  for (let i = 0; ; i++) {
    try {
      return await attempt();
    } catch (error) {
      if (i < 2 && error instanceof KubeApiError && error.status === 409) continue;
      throw error;
    }
  }
}

/**
 * Puts `fault` on the HTTP routes of the VirtualService at the context's ref, saving the routes as
 * they were on the object itself (`faults.simian.dev/previous-http`) next to the stamp, in one
 * write guarded by the resourceVersion read: `remove-fault` restores them from the ref alone.
 */
export async function injectHttpFault(
  context: VerbContext,
  fault: HttpFault,
  stamp: FaultStamp,
): Promise<Record<string, unknown>> {
  const where = `kubernetes (context ${context.cluster.name}): ${buildRef(context.ref)}`;
  if (!fault.delay && !fault.abort) {
    throw new ActionFailedError(`${where}: an HTTP fault needs a delay, an abort, or both`);
  }
  return onFreshRead(async () => {
    const vs = await readObject(context);
    if (recoveryOf(vs) !== 'unstamped') {
      const expires = vs.metadata?.annotations?.['faults.simian.dev/expires-at'];
      throw new ActionFailedError(`${where} already carries a Simian fault (until ${expires})`, {
        hint: 'one fault per object at a time: wait for it to end, or `simian faults clear` it',
      });
    }
    const spec = (vs.spec ?? {}) as { http?: HttpRoute[] };
    if (!Array.isArray(spec.http) || spec.http.length === 0) {
      throw new ActionFailedError(`${where} has no HTTP routes to put a fault on`, {
        hint: 'Istio fault injection works on http routes only',
      });
    }
    const { routes, faulted } = faultedRoutes(spec.http, fault, context.ref.namespace ?? 'default');
    if (faulted === 0) {
      throw new ActionFailedError(`${where} has no HTTP route to ${fault.host}`, {
        hint: 'name a host its routes send traffic to, or leave host out to fault every route',
      });
    }
    const meta = stampMetadata(stamp, 'restore-http', {
      [PREVIOUS_HTTP_KEY]: JSON.stringify(spec.http),
      [FAULTED_HTTP_KEY]: sha(routes),
    });
    try {
      await mergePatch(context, {
        metadata: { resourceVersion: vs.metadata?.resourceVersion, ...meta },
        spec: { http: routes },
      });
    } catch (error) {
      if (error instanceof KubeApiError && error.status === 409) throw error;
      throw patchFailed(context, error);
    }
    return { faultedRoutes: faulted, routes: spec.http.length, expiresAt: stamp.expiresAt };
  });
}

/**
 * Takes the fault off a VirtualService from the ref alone: the routes saved at injection go back
 * exactly when nobody changed them since; when someone did, only the fault Simian put on a route
 * is taken off (their change stays), and the answer says so.
 */
export async function restoreHttpRoutes(context: VerbContext): Promise<Record<string, unknown>> {
  const where = `kubernetes (context ${context.cluster.name}): ${buildRef(context.ref)}`;
  return onFreshRead(async () => {
    const vs = await readObject(context);
    const annotations = vs.metadata?.annotations ?? {};
    const saved = annotations[PREVIOUS_HTTP_KEY];
    let previous: HttpRoute[];
    try {
      previous = JSON.parse(saved ?? '') as HttpRoute[];
    } catch {
      throw new ActionFailedError(
        `${where}: the saved routes (${PREVIOUS_HTTP_KEY}) cannot be read`,
        {
          hint: 'restore the routes from version control, then remove the faults.simian.dev/* keys',
        },
      );
    }
    const current = ((vs.spec ?? {}) as { http?: HttpRoute[] }).http ?? [];
    const untouched = sha(current) === annotations[FAULTED_HTTP_KEY];
    const http = untouched ? previous : current.map((r) => withoutOurFault(r, previous));
    try {
      await mergePatch(context, {
        metadata: {
          resourceVersion: vs.metadata?.resourceVersion,
          ...unstampMetadata([PREVIOUS_HTTP_KEY, FAULTED_HTTP_KEY]),
        },
        spec: { http },
      });
    } catch (error) {
      if (error instanceof KubeApiError && error.status === 409) throw error;
      throw patchFailed(context, error);
    }
    return untouched
      ? { removed: true, restored: 'routes as they were' }
      : {
          removed: true,
          restored: 'fault only',
          note: 'the routes changed after the fault was injected: only the fault was taken off, the change was kept',
        };
  });
}

/** A route without the fault Simian put on it: the route's own earlier fault, if it had one. */
function withoutOurFault(route: HttpRoute, previous: readonly HttpRoute[]): HttpRoute {
  const { fault: _fault, ...rest } = route;
  const same = previous.find(
    (p) => sha({ ...p, fault: undefined }) === sha({ ...rest, fault: undefined }),
  );
  return same?.fault === undefined ? rest : { ...rest, fault: same.fault };
}
