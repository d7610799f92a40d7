import { statSync } from 'node:fs';
import { isAbsolute, resolve } from 'node:path';
import { z } from 'zod';
import {
  kubeJanitorRuleMatches,
  loadKubeJanitorRules,
  type KubeJanitorRule,
} from '../kube-janitor/rules-file.js';
import { DEFAULT_KUBE_JANITOR_RESOURCES } from '../kube-janitor/resources.js';
import { expiryKeysOf } from './expiry.js';
import { keyOf, referencesOf } from './k8s-references.js';
import { kindsOfResources } from './k8s-ttl.js';
import { defineRule, ruleConfigSchema } from './rule.js';
import { TTL_KEY } from '../kube-janitor/ttl.js';

const ID = 'k8s-rules-file';

const loaded = new Map<string, { mtimeMs: number; rules: KubeJanitorRule[] }>();

/** The rules of `file`, read again when it changes. */
export function rulesOf(file: string, configDir: string): KubeJanitorRule[] {
  const path = isAbsolute(file) ? file : resolve(configDir, file);
  let mtimeMs = -1;
  try {
    mtimeMs = statSync(path).mtimeMs;
  } catch {
    // loadKubeJanitorRules says what is wrong with the path.
  }
  const cached = loaded.get(path);
  if (cached && cached.mtimeMs === mtimeMs) return cached.rules;
  const rules = loadKubeJanitorRules(path, configDir);
  loaded.set(path, { mtimeMs, rules });
  return rules;
}

const kindsOfRules = (rules: readonly KubeJanitorRule[]): string[] =>
  kindsOfResources(
    rules.flatMap((r) =>
      r.resources.includes('*') ? DEFAULT_KUBE_JANITOR_RESOURCES : r.resources,
    ),
  );

/** A kube-janitor rules file: the first rule that matches an object gives it a TTL. */
export const k8sRulesFile = defineRule({
  id: ID,
  provider: 'kubernetes',
  kinds: [],
  title: 'kube-janitor rules file',
  description:
    "kube-janitor's rules file, loaded as it is (`rules: [{ id, resources, jmespath, ttl }]`): the first rule whose resources include the object's type (or `*`) and whose JMESPath is truthy on the object gives it that TTL, counted from its creation, as if it had a `janitor/ttl` annotation; objects with a `janitor/ttl` annotation are not matched. PersistentVolumeClaims get kube-janitor's `_context.pvc_is_not_mounted` and `_context.pvc_is_not_referenced`. Findings and marks name the rule as `k8s-rules-file:<id>`.",
  reads: [],
  clock: 'api',
  configSchema: ruleConfigSchema(
    ID,
    { after: '0s' },
    {
      file: z
        .string()
        .min(1)
        .optional()
        .describe(
          'The kube-janitor rules file, relative to simian.yaml. Without it the rule does nothing.',
        ),
    },
  ),
  kindsFor: (config, configDir) => {
    if (!config.file) return { kinds: [], reads: [] };
    let kinds: string[];
    try {
      kinds = kindsOfRules(rulesOf(config.file, configDir));
    } catch {
      // Asked for permissions without the file at hand: every type a rule may name. The plan
      // reads the file itself and says what is wrong with it.
      kinds = kindsOfResources(DEFAULT_KUBE_JANITOR_RESOURCES);
    }
    const claims = kinds.includes('PersistentVolumeClaim')
      ? ['Pod', 'Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job', 'CronJob']
      : [];
    return { kinds, reads: [...new Set([...kinds, ...claims])] };
  },
  judge(r, ctx) {
    if (!ctx.config.file || expiryKeysOf(r)[TTL_KEY] !== undefined) return undefined;
    const context: Record<string, unknown> = {};
    if (r.kind === 'PersistentVolumeClaim') {
      const refs = referencesOf(ctx.estate);
      const key = keyOf(r);
      const mounted = refs.mountedClaims.has(key);
      const byTemplate = [...refs.claimPrefixes.keys()].some(
        (p) => key.startsWith(p) && /^\d+$/.test(key.slice(p.length)),
      );
      context['pvc_is_not_mounted'] = !mounted;
      context['pvc_is_not_referenced'] = !(mounted || refs.templateClaims.has(key) || byTemplate);
    }
    const rule = rulesOf(ctx.config.file, ctx.configDir).find((x) =>
      kubeJanitorRuleMatches(x, r, context),
    );
    if (!rule) return undefined;
    if (rule.ttlSeconds <= 0)
      return { unused: false, reason: `rule ${rule.id} gives it TTL ${rule.ttl}` };
    if (!r.createdAt) return undefined;
    const at = new Date(Date.parse(r.createdAt) + rule.ttlSeconds * 1000);
    return {
      unused: true,
      ruleId: `${ID}:${rule.id}`,
      reason: `${r.kind} ${r.name} matches kube-janitor rule ${rule.id} (TTL ${rule.ttl}): it expires at ${at.toISOString()}`,
      deadline: at,
      evidence: {
        rule: rule.id,
        jmespath: rule.jmespath.text,
        ttl: rule.ttl,
        expiresAt: at.toISOString(),
        ...(Object.keys(context).length ? { context } : {}),
      },
    };
  },
});
