/** What stands in for a secret wherever one is removed. */
export const REDACTED = '[redacted]';

/** Secrets shorter than this are not scrubbed: "a" or "on" would shred every line. */
const MIN_SECRET_LENGTH = 4;

/**
 * Every form a secret takes in text Simian writes: as it is, and escaped inside a JSON string
 * (a `"` or `\` in it is written `\"`, `\\`), so a JSON log line or journal is scrubbed too.
 */
function formsOf(secret: string): string[] {
  const escaped = JSON.stringify(secret).slice(1, -1);
  const twice = JSON.stringify(escaped).slice(1, -1);
  return [...new Set([secret, escaped, twice])];
}

/** `scheme://user:password@host`: the user-info of a URL is a credential wherever it appears. */
const URL_USER_INFO = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@"'<>]+@/gi;

/**
 * Removes `secrets` (in every form, see above) and the user-info of URLs from `text`. The longest
 * secret goes first, so one that contains another is removed whole.
 */
export function redactText(text: string, secrets: readonly string[] = []): string {
  let out = text;
  const forms = secrets
    .filter((s) => s.length >= MIN_SECRET_LENGTH)
    .flatMap(formsOf)
    .sort((a, b) => b.length - a.length);
  for (const form of forms) if (out.includes(form)) out = out.split(form).join(REDACTED);
  return out.replace(URL_USER_INFO, `$1${REDACTED}@`);
}

/** A copy of `value` with every string in it passed through {@link redactText}. */
export function redactDeep<T>(value: T, secrets: readonly string[] = []): T {
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return redactText(v, secrets);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') {
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    }
    return v;
  };
  return walk(value) as T;
}
