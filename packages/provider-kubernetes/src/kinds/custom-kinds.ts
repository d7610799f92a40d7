import { TargetError } from '@simian/core';
import { isNotFound } from '../rest/api-error.js';
import type { RestClient } from '../rest/client.js';
import type { KindInfo } from './kind.js';

/** A custom resource's coordinates. */
export interface CustomKindName {
  group: string;
  version: string;
  /** The object's `kind` (`NetworkChaos`). */
  apiKind: string;
}

const customKindPattern = /^([a-z0-9]([a-z0-9.-]*[a-z0-9])?)\/(v[a-z0-9]+)\/([A-Z][A-Za-z0-9]*)$/;

/** `chaos-mesh.org/v1alpha1/NetworkChaos` → its parts; undefined for anything else. */
export function parseCustomKind(kind: string): CustomKindName | undefined {
  const m = customKindPattern.exec(kind);
  if (!m) return undefined;
  return { group: m[1]!, version: m[3]!, apiKind: m[4]! };
}

/** `NetworkChaos.v1alpha1.chaos-mesh.org` (a ref's kind segment) → its parts; undefined for a built-in kind. */
export function parseCustomRefKind(refKind: string): CustomKindName | undefined {
  const m = /^([A-Z][A-Za-z0-9]*)\.(v[a-z0-9]+)\.([a-z0-9][a-z0-9.-]*)$/.exec(refKind);
  if (!m) return undefined;
  return { apiKind: m[1]!, version: m[2]!, group: m[3]! };
}

/** The name monkeys use for a custom kind. */
export const customKindName = (c: CustomKindName): string => `${c.group}/${c.version}/${c.apiKind}`;

interface ApiResourceList {
  resources?: Array<{ name: string; kind: string; namespaced: boolean; verbs?: string[] }>;
}

/**
 * Finds custom kinds by API discovery (`GET /apis/<group>/<version>`), once per group/version and
 * cluster: the plural and whether it is namespaced come from the server, not from a guess.
 */
export class CustomKindResolver {
  readonly #client: RestClient;
  readonly #context: string;
  readonly #groups = new Map<string, Promise<ApiResourceList>>();

  constructor(client: RestClient, context: string) {
    this.#client = client;
    this.#context = context;
  }

  async resolve(name: CustomKindName, signal?: AbortSignal): Promise<KindInfo> {
    const gv = `${name.group}/${name.version}`;
    let pending = this.#groups.get(gv);
    if (!pending) {
      pending = this.#client.call<ApiResourceList>({
        method: 'GET',
        path: `/apis/${gv}`,
        ...(signal ? { signal } : {}),
      });
      // A failed discovery is not cached: the next run (or listing) asks again.
      pending.catch(() => this.#groups.delete(gv));
      this.#groups.set(gv, pending);
    }
    let list: ApiResourceList;
    try {
      list = await pending;
    } catch (error) {
      if (isNotFound(error)) throw this.#unknown(name, `the API group version ${gv} is not served`);
      throw error;
    }
    const resource = list.resources?.find((r) => r.kind === name.apiKind && !r.name.includes('/'));
    if (!resource) throw this.#unknown(name, `${gv} has no kind ${name.apiKind}`);
    const scale = list.resources?.some((r) => r.name === `${resource.name}/scale`) ?? false;
    return {
      kind: customKindName(name),
      apiKind: name.apiKind,
      group: name.group,
      version: name.version,
      plural: resource.name,
      namespaced: resource.namespaced,
      custom: true,
      ...(scale ? { scalable: true } : {}),
    };
  }

  #unknown(name: CustomKindName, why: string): TargetError {
    return new TargetError(
      `kubernetes (context ${this.#context}): kind ${customKindName(name)} is unknown: ${why}`,
      {
        hint: `is its CustomResourceDefinition installed? \`kubectl --context ${this.#context} api-resources --api-group=${name.group}\` lists what the cluster serves`,
      },
    );
  }
}
