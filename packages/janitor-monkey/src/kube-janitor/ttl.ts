/**
 * kube-janitor's annotation values, parsed exactly as kube-janitor does (`kube_janitor/helper.py`):
 * a TTL is one whole number and one unit (`s`, `m`, `h`, `d`, `w`: `08s` is 8 seconds, `1h30m` is
 * invalid), or `forever` in any case; an expiry is `YYYY-MM-DDTHH:MM:SSZ`, `YYYY-MM-DDTHH:MM` or
 * `YYYY-MM-DD`, all UTC.
 */

/** The annotation (or tag) that gives a resource a time to live, counted from its creation. */
export const TTL_KEY = 'janitor/ttl';
/** The annotation (or tag) that gives a resource an absolute expiry. */
export const EXPIRES_KEY = 'janitor/expires';

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800 };

/** A parsed TTL: seconds, `forever`, or why the value is not one. */
export type Ttl = { seconds: number } | { forever: true } | { invalid: string };

/** Parses a `janitor/ttl` value. */
export function parseTtl(text: string): Ttl {
  if (text.toLowerCase() === 'forever') return { forever: true };
  const m = /^(\d+)([smhdw])$/.exec(text);
  if (!m) {
    return {
      invalid: `TTL value "${text}" does not match format (e.g. 60s, 5m, 8h, 7d, 2w)`,
    };
  }
  return { seconds: Number(m[1]) * UNIT_SECONDS[m[2]!]! };
}

/** Parses a `janitor/expires` value as a UTC time, or says why it is not one. */
export function parseExpiry(text: string): Date | { invalid: string } {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})Z)?)?$/.exec(text) ?? undefined;
  // `YYYY-MM-DDTHH:MM:SS` without the Z is none of the three formats.
  if (m && !(m[6] === undefined && text.length > 16)) {
    const [y, mo, d, h = '0', mi = '0', s = '0'] = m.slice(1).map((x) => x ?? undefined);
    const at = new Date(Date.UTC(+y!, +mo! - 1, +d!, +h, +mi, +s));
    // Date.UTC rolls 2019-02-30 over to March; strptime refuses it.
    if (at.getUTCMonth() === +mo! - 1 && at.getUTCDate() === +d! && +h < 24 && +mi < 60 && +s < 60)
      return at;
  }
  return {
    invalid: `expiry value "${text}" does not match format 2019-02-25T09:26:14Z, 2019-02-25T09:26, or 2019-02-25`,
  };
}
