import { readFileSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { ConfigError, type Resource } from '@simian/core';
import { parse } from 'yaml';
import { compileExpression, pythonTruthy, type CompiledExpression } from './jmespath.js';
import { resourceOfKind } from './resources.js';
import { parseTtl } from './ttl.js';

/** One rule of a kube-janitor rules file: which resources, the JMESPath that must hold, the TTL. */
export interface KubeJanitorRule {
  id: string;
  /** Resource plurals (`deployments`), or `*` for all. */
  resources: string[];
  jmespath: CompiledExpression;
  ttl: string;
  /** The TTL in seconds, or -1 for `forever`. */
  ttlSeconds: number;
}

const RULE_ID = /^[a-z][a-z0-9-]*$/;
const FIELDS = ['id', 'resources', 'jmespath', 'ttl'] as const;

/**
 * Loads a kube-janitor rules file (`rules: [{ id, resources, jmespath, ttl }]`) as kube-janitor
 * does (`kube_janitor/rules.py`), refusing what it refuses, with the file and rule named.
 */
export function loadKubeJanitorRules(file: string, configDir: string): KubeJanitorRule[] {
  const path = isAbsolute(file) ? file : resolve(configDir, file);
  const fail = (message: string): never => {
    throw new ConfigError([{ path: 'monkeys.janitor.kubeJanitor.rulesFile', message }]);
  };
  let text = '';
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    fail(`cannot read the kube-janitor rules file ${path}: ${(e as Error).message}`);
  }
  let data: unknown;
  try {
    data = parse(text);
  } catch (e) {
    fail(`${path} is not YAML: ${(e as Error).message}`);
  }
  const entries = (data as { rules?: unknown } | null)?.rules;
  if (!data || typeof data !== 'object' || !('rules' in data) || !Array.isArray(entries)) {
    return fail(`${path}: the rules YAML file must have a top-level mapping with the key "rules"`);
  }
  return entries.map((entry: unknown, i) => {
    const where = `${path}: rule #${i}`;
    if (!entry || typeof entry !== 'object' || Array.isArray(entry)) {
      return fail(`${where}: rule must be a mapping`);
    }
    const e = entry as Record<string, unknown>;
    const missing = FIELDS.filter((f) => !(f in e));
    if (missing.length > 0)
      return fail(`${where}: rule is missing required keys: ${missing.join(', ')}`);
    const id = String(e['id']);
    if (!RULE_ID.test(id)) {
      return fail(`${where}: invalid rule ID "${id}": it has to match ^[a-z][a-z0-9-]*$`);
    }
    const ttl = String(e['ttl']);
    const parsed = parseTtl(ttl);
    if ('invalid' in parsed) return fail(`${where} (${id}): ${parsed.invalid}`);
    if (!Array.isArray(e['resources'])) return fail(`${where} (${id}): resources must be a list`);
    let jmespath: CompiledExpression;
    try {
      jmespath = compileExpression(String(e['jmespath']));
    } catch (err) {
      return fail(
        `${where} (${id}): jmespath "${String(e['jmespath'])}": ${(err as Error).message}`,
      );
    }
    return {
      id,
      resources: (e['resources'] as unknown[]).map(String),
      jmespath,
      ttl,
      ttlSeconds: 'forever' in parsed ? -1 : parsed.seconds,
    };
  });
}

/**
 * Whether `rule` matches `r`, as kube-janitor's `Rule.matches`: its type is among the rule's
 * resources (or `*`), and the JMESPath, evaluated on the object with `_context` added, is truthy
 * by Python's rules.
 */
export function kubeJanitorRuleMatches(
  rule: KubeJanitorRule,
  r: Resource,
  context: Record<string, unknown>,
): boolean {
  const type = resourceOfKind(r.kind);
  if (
    !rule.resources.includes(type) &&
    !rule.resources.includes('*') &&
    !rule.resources.includes(r.kind)
  )
    return false;
  // The one place the janitor reads a provider's object: a rules file's expressions address any
  // field of the object as the API server sent it, which no typed view can anticipate.
  const object = (r.raw ?? {}) as Record<string, unknown>;
  return pythonTruthy(rule.jmespath.search({ _context: context, ...object }));
}
