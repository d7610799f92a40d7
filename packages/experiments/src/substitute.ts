/**
 * `${name}` substitution as chaoslib does it (`chaoslib.substitute`, built on Python's
 * `string.Template.safe_substitute`), so published experiments resolve to the same values:
 *
 * - names are looked up in the configuration first, then in each secrets scope in order;
 * - a string that is exactly one `${name}` becomes the value with its type (a number stays a number);
 * - elsewhere the value is written into the string; `$name` (no braces) works too;
 * - an unknown name is left as written, and `$$` writes a single `$`;
 * - mappings and lists are walked recursively; keys are never substituted.
 */

/** The values `${name}` can refer to. */
export type ExperimentConfiguration = Record<string, unknown>;
/** Secrets by scope: `{ scope: { name: value } }`. */
export type ExperimentSecrets = Record<string, unknown>;

/** Python's `Template.pattern`: escaped `$$`, `$name`, `${name}`, or a lone `$`. */
const TEMPLATE = /\$(?:(\$)|([_a-z][_a-z0-9]*)|\{([_a-z][_a-z0-9]*)\}|())/gi;
const WHOLE_PLACEHOLDER = /^\$\{([_a-z][_a-z0-9]*)\}$/i;

type Lookup = (name: string) => { found: boolean; value?: unknown };

function lookupIn(
  configuration: ExperimentConfiguration | undefined,
  secrets: ExperimentSecrets | undefined,
): Lookup {
  const scopes = [configuration ?? {}, ...Object.values(secrets ?? {})].filter(
    (s): s is Record<string, unknown> => typeof s === 'object' && s !== null && !Array.isArray(s),
  );
  return (name) => {
    for (const scope of scopes) {
      if (Object.hasOwn(scope, name)) return { found: true, value: scope[name] };
    }
    return { found: false };
  };
}

/** How Python's `str()` writes a value into a string, for the common cases. */
function pythonStr(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function substituteString(text: string, lookup: Lookup): unknown {
  const whole = WHOLE_PLACEHOLDER.exec(text);
  if (whole) {
    const hit = lookup(whole[1]!);
    if (hit.found) return hit.value;
  }
  return text.replace(
    TEMPLATE,
    (match, escaped: string | undefined, named: string | undefined, braced: string | undefined) => {
      if (escaped !== undefined) return '$';
      const name = named ?? braced;
      if (name === undefined) return match;
      const hit = lookup(name);
      return hit.found ? pythonStr(hit.value) : match;
    },
  );
}

function walk(data: unknown, lookup: Lookup): unknown {
  if (typeof data === 'string') return substituteString(data, lookup);
  if (Array.isArray(data)) return data.map((v) => walk(v, lookup));
  if (typeof data === 'object' && data !== null) {
    return Object.fromEntries(Object.entries(data).map(([k, v]) => [k, walk(v, lookup)]));
  }
  return data;
}

/** Replaces `${name}` in `data` (a string, list or mapping) without changing `data`. */
export function substitute<T>(
  data: T,
  configuration: ExperimentConfiguration | undefined,
  secrets: ExperimentSecrets | undefined,
): T {
  return walk(data, lookupIn(configuration, secrets)) as T;
}

/** Whether there is anything to substitute from: chaoslib skips some fields when there is not. */
export function hasValues(
  configuration?: ExperimentConfiguration,
  secrets?: ExperimentSecrets,
): boolean {
  return Object.keys(configuration ?? {}).length > 0 || Object.keys(secrets ?? {}).length > 0;
}
