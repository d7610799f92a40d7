import { dirname, resolve } from 'node:path';
import { isMap, isPair, isScalar, isSeq, visit, type Node as YamlNode } from 'yaml';
import type { z } from 'zod';
import { ConfigError, type ConfigIssue } from '../errors.js';
import { readInputFile } from '../input/read-input.js';
import { boundedYamlValue } from '../input/yaml-value.js';
import type { Registry } from '../registry.js';
import { interpolateEnv } from './interpolate.js';
import { redactText } from '../redact.js';
import { buildConfigSchema, type SimianConfig } from './schema.js';
import { parseYamlWithPositions, type YamlWithPositions } from './yaml-positions.js';

export interface LoadConfigOptions {
  env?: NodeJS.ProcessEnv;
}

/** Reads, interpolates and validates simian.yaml. Throws `ConfigError` naming file:line:column. */
export function loadConfigFile(
  file: string,
  registry: Registry,
  options: LoadConfigOptions = {},
): SimianConfig {
  const text = readInputFile(file, {
    what: 'config file',
    code: 'CONFIG_NOT_FOUND',
    hint: 'pass --config PATH, or create simian.yaml (see docs/getting-started.md)',
  });
  return parseConfigText(text, file, registry, options);
}

export function parseConfigText(
  text: string,
  file: string,
  registry: Registry,
  options: LoadConfigOptions = {},
): SimianConfig {
  const env = options.env ?? process.env;
  const positioned = parseYamlWithPositions(text, file);
  const { doc, at } = positioned;
  if (positioned.syntaxErrors.length > 0) throw new ConfigError(positioned.syntaxErrors);

  const issues: ConfigIssue[] = [];
  const secrets: string[] = [];
  // What each interpolated scalar said before, so an error quotes `${TOKEN}`, never the token.
  const written = new Map<unknown, string>();
  visit(doc, {
    Scalar(_key, node, path) {
      if (typeof node.value !== 'string' || !node.value.includes('${')) return;
      const { value, missing } = interpolateEnv(node.value, env);
      for (const name of missing) {
        issues.push({
          path: pathOfAncestors(path, node),
          message: `refers to environment variable ${name}, which is not set (write \${${name}:-default} for a default)`,
          ...(node.range ? { position: at(node.range[0])! } : {}),
        });
      }
      if (value !== node.value) {
        secrets.push(value);
        written.set(node, node.value);
      }
      node.value = value;
    },
  });
  if (issues.length > 0) throw new ConfigError(issues);

  const raw: unknown = boundedYamlValue(doc, file) ?? {};
  const schema = buildConfigSchema(registry);
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => {
        const issue = toConfigIssue(i, positioned, written);
        return { ...issue, message: redactText(issue.message, secrets) };
      }),
    );
  }
  const absFile = resolve(file);
  return {
    ...(parsed.data as Omit<SimianConfig, 'source'>),
    source: { file: absFile, dir: dirname(absFile), secrets },
  } as SimianConfig;
}

function toConfigIssue(
  issue: z.core.$ZodIssue,
  { at, nodeAt, nearestNode }: YamlWithPositions,
  written: ReadonlyMap<unknown, string>,
): ConfigIssue {
  const path = issue.path.map(String);
  const node = nodeAt(path);
  let message = issue.message;
  let position = at(node?.range?.[0]);
  let shownPath = path.join('.');
  if (issue.code === 'unrecognized_keys') {
    const key = issue.keys[0]!;
    const parentSchemaKeys = node && isMap(node) ? allowedKeysHint(issue) : '';
    message = `unknown key "${key}"${
      issue.keys.length > 1
        ? ` (and ${issue.keys
            .slice(1)
            .map((k) => `"${k}"`)
            .join(', ')})`
        : ''
    }${parentSchemaKeys}`;
    shownPath = [...path, key].join('.');
    if (node && isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && p.key.value === key);
      const keyNode = pair?.key as YamlNode | undefined;
      position = at(keyNode?.range?.[0]) ?? position;
    }
  } else if (
    node === undefined &&
    (issue.code === 'invalid_type' || issue.code === 'invalid_value')
  ) {
    message = `is required (${issue.message.replace(/^Invalid input: /, '')})`;
    position = at(nearestNode(path)?.range?.[0]);
  } else if (isScalar(node)) {
    const given = JSON.stringify(written.get(node) ?? node.value);
    if (!message.includes(given)) message = `${message}, but ${given} was given`;
  }
  return { path: shownPath, message, ...(position ? { position } : {}) };
}

function allowedKeysHint(_issue: z.core.$ZodIssue): string {
  return ' (run `simian schema` to see the allowed keys)';
}

function pathOfAncestors(ancestors: readonly unknown[], self: unknown): string {
  const chain = [...ancestors, self];
  const parts: string[] = [];
  chain.forEach((node, i) => {
    if (isPair(node) && isScalar(node.key)) parts.push(String(node.key.value));
    if (isSeq(node)) parts.push(String((node.items as unknown[]).indexOf(chain[i + 1])));
  });
  return parts.join('.');
}
