import jsyaml from 'js-yaml';

/** A plain scalar type of the YAML 1.2 core schema: which texts it takes, and what they become. */
const scalar = (tag: string, test: RegExp, construct: (text: string) => unknown) =>
  new jsyaml.Type(`tag:yaml.org,2002:${tag}`, {
    kind: 'scalar',
    resolve: (text: string | null) => test.test(text ?? ''),
    construct: (text: string | null) => construct(text ?? ''),
  });

/**
 * The YAML 1.2 core schema with the `yaml` package's own patterns (yaml/dist/schema/core), so
 * that both read every plain scalar alike: `yaml` is the reference (config, experiments and the
 * manifests' full parse use it), and js-yaml's own core schema differs at the edges (`0b101`,
 * `-.5`). The equivalence tests hold the two together.
 */
const schema = jsyaml.FAILSAFE_SCHEMA.extend({
  implicit: [
    scalar('null', /^(?:~|[Nn]ull|NULL)?$/, () => null),
    scalar('bool', /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/, (t) => t[0] === 't' || t[0] === 'T'),
    scalar('int', /^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$/, (t) =>
      t.startsWith('0o')
        ? parseInt(t.slice(2), 8)
        : t.startsWith('0x')
          ? parseInt(t.slice(2), 16)
          : parseInt(t, 10),
    ),
    // One type per tag: js-yaml keeps only the last of two with the same tag.
    scalar(
      'float',
      /^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+|[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)|[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
      (t) =>
        /\.(?:nan|NaN|NAN)$/.test(t)
          ? NaN
          : /\.(?:inf|Inf|INF)$/.test(t)
            ? t[0] === '-'
              ? Number.NEGATIVE_INFINITY
              : Number.POSITIVE_INFINITY
            : parseFloat(t),
    ),
  ],
});

/** Aliases (which can multiply a document: the slow path caps them) and tags. */
const NEEDS_FULL_PARSER = /(?:^|[\s,[{])[*!]/m;

/**
 * One document read the fast way: js-yaml is about ten times faster than `yaml` on manifests,
 * which matters when a scan reads 50,000 of them. Returns undefined when the document needs the
 * full parser: it has aliases or tags, or js-yaml cannot read it (the full parser then gives the
 * error, with the message users already get).
 */
export function fastLoad(text: string): { value: unknown } | undefined {
  if (NEEDS_FULL_PARSER.test(text)) return undefined;
  try {
    // json: a key given twice keeps the last value, as `yaml` does with uniqueKeys off.
    return { value: jsyaml.load(text, { schema, json: true }) };
  } catch {
    return undefined;
  }
}
