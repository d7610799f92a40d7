import type { Provider, Resource } from '@simian/core';

/** What a new object's ref is built from (the shape of core's `RefParts`). */
interface RefParts {
  scope: string;
  kind: string;
  name: string;
  namespace?: string;
}

/**
 * The ref of a fault object that does not exist yet (a NetworkChaos, a deny policy), next to
 * `service`. The provider builds it when it can (`Provider.ref`, landing with the views work);
 * until then it is the service's ref with the kind and name swapped, in the Kubernetes form
 * `k8s:<context>/<namespace>/<Kind or Kind.version.group>/<name>`.
 */
export function faultObjectRef(provider: Provider, service: Resource, parts: RefParts): string {
  const withRef = provider as Provider & { ref?: (p: RefParts) => string };
  if (typeof withRef.ref === 'function') return withRef.ref(parts);
  const custom = /^([^/]+)\/([^/]+)\/([^/]+)$/.exec(parts.kind);
  const refKind = custom ? `${custom[3]}.${custom[2]}.${custom[1]}` : parts.kind;
  const head = service.ref.split('/').slice(0, -3).join('/');
  return `${head}/${parts.namespace ?? '_'}/${refKind}/${parts.name}`;
}

/**
 * A name for a fault object: `simian-<what>-<service>-<run>`, within the 63 characters most kinds
 * allow, so one run's object never collides with another run's left behind.
 */
export function faultObjectName(what: string, service: string, runId: string): string {
  const run = runId
    .replace(/[^a-z0-9]/gi, '')
    .toLowerCase()
    .slice(-6);
  const head = `simian-${what}-${service}`.slice(0, 63 - run.length - 1).replace(/-+$/, '');
  return `${head}-${run}`;
}
