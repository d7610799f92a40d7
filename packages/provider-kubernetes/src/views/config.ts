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
