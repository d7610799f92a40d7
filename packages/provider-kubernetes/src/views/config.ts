import type { ResourceViews } from '@simian/core';
import type { KubeObject } from '../kinds/kind.js';
import { ownerViews } from './owners.js';

/** The views of a ConfigMap: who owns it (its data is no business of a view). */
export const configMapViews = (object: KubeObject): ResourceViews => ownerViews(object);

/** The views of a Secret: its type and owners (its values never enter the inventory). */
export function secretViews(object: KubeObject): ResourceViews {
  const type = (object as { type?: string }).type ?? 'Opaque';
  return { ...ownerViews(object), secret: { type } };
}

interface AccountObject extends KubeObject {
  secrets?: Array<{ name?: string }>;
  imagePullSecrets?: Array<{ name?: string }>;
}

const names = (refs: Array<{ name?: string }> | undefined): string[] =>
  (refs ?? []).map((r) => r.name).filter((n): n is string => typeof n === 'string' && n !== '');

/** The service account view of a ServiceAccount: the Secrets it names. */
export function serviceAccountViews(object: KubeObject): ResourceViews {
  const o = object as AccountObject;
  return {
    serviceAccount: { secrets: names(o.secrets), imagePullSecrets: names(o.imagePullSecrets) },
  };
}

interface Backend {
  service?: { name?: string };
}
interface IngressObject extends KubeObject {
  spec?: {
    tls?: Array<{ secretName?: string }>;
    defaultBackend?: Backend;
    rules?: Array<{ http?: { paths?: Array<{ backend?: Backend }> } }>;
  };
}

/** The ingress view of an Ingress: the Secrets it serves and the Services it routes to. */
export function ingressViews(object: KubeObject): ResourceViews {
  const spec = (object as IngressObject).spec ?? {};
  const backends = [
    spec.defaultBackend,
    ...(spec.rules ?? []).flatMap((r) => (r.http?.paths ?? []).map((p) => p.backend)),
  ];
  return {
    ingress: {
      tlsSecrets: [...new Set(names((spec.tls ?? []).map((t) => ({ name: t.secretName }))))],
      services: [...new Set(names(backends.map((b) => ({ name: b?.service?.name }))))],
    },
  };
}
