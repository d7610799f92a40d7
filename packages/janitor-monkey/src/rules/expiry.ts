import type { Resource } from '@simian/core';
import { EXPIRES_KEY, parseExpiry, parseTtl, TTL_KEY } from '../kube-janitor/ttl.js';
import type { Judgement } from './rule.js';

/**
 * Where the janitor reads `janitor/ttl` and `janitor/expires`: the resource's marks, which the
 * provider fills from the medium it keeps them in (annotations on Kubernetes, tags on AWS).
 */
export const expiryKeysOf = (r: Resource): Record<string, string> => r.marks ?? {};

/** Whether the owner said "never" (`janitor/ttl: forever`): every janitor rule leaves it alone. */
export const isForever = (r: Resource): boolean => {
  const ttl = expiryKeysOf(r)[TTL_KEY];
  return ttl !== undefined && ttl.toLowerCase() === 'forever';
};

/**
 * When the resource expires by its `janitor/ttl` (counted from its creation, or from
 * `deploymentTime` when later: kube-janitor's --deployment-time-annotation) or its
 * `janitor/expires`, the earlier of the two, as kube-janitor deletes on either. Invalid values
 * are ignored, as kube-janitor ignores them; so is a TTL of 0 (kube-janitor acts on TTLs > 0).
 */
export function judgeExpiry(
  r: Resource,
  options: { start?: Date; deploymentTime?: Date },
): Judgement | undefined {
  const keys = expiryKeysOf(r);
  const found: Array<{ at: Date; why: string; evidence: Record<string, unknown> }> = [];
  const invalid: string[] = [];
  const ttlText = keys[TTL_KEY];
  if (ttlText !== undefined) {
    const ttl = parseTtl(ttlText);
    if ('invalid' in ttl) invalid.push(ttl.invalid);
    else if ('forever' in ttl) return { unused: false, reason: `${TTL_KEY}: forever` };
    else if (ttl.seconds > 0 && options.start) {
      const from =
        options.deploymentTime && options.deploymentTime > options.start
          ? options.deploymentTime
          : options.start;
      found.push({
        at: new Date(from.getTime() + ttl.seconds * 1000),
        why: `${TTL_KEY} ${ttlText}`,
        evidence: { ttl: ttlText, from: from.toISOString() },
      });
    }
  }
  const expiresText = keys[EXPIRES_KEY];
  if (expiresText !== undefined) {
    const at = parseExpiry(expiresText);
    if ('invalid' in at) invalid.push(at.invalid);
    else
      found.push({ at, why: `${EXPIRES_KEY} ${expiresText}`, evidence: { expires: expiresText } });
  }
  if (found.length === 0) {
    return invalid.length > 0
      ? { unused: false, reason: `ignored: ${invalid.join('; ')}` }
      : undefined;
  }
  const first = found.sort((a, b) => a.at.getTime() - b.at.getTime())[0]!;
  return {
    unused: true,
    reason: `${r.kind} ${r.name} expires at ${first.at.toISOString()} (${first.why})`,
    deadline: first.at,
    evidence: { ...first.evidence, expiresAt: first.at.toISOString() },
  };
}
