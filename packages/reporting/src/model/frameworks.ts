/**
 * Frameworks as rule METADATA names them: `custom.frameworks` holds `framework:requirement`
 * strings (`cis-kubernetes-1.12:5.2.2`, `pss:baseline:host-namespaces`, `polaris:hostPIDSet`). The
 * part before the first colon is the framework, the rest the requirement (a control). Some
 * prefixes are compliance frameworks that get a score; the others are the ids other tools give the
 * same check (cross-references), shown next to the rule and never scored.
 */

/** One requirement (control) of one framework that a rule maps to. */
export interface Requirement {
  /** `cis-kubernetes-1.12`, `pss`, `simian`. */
  framework: string;
  /** `5.2.2`, `baseline:host-namespaces`. */
  control: string;
}

/** The framework of Simian's own architecture rules: every conformity rule is one control. */
export const SIMIAN_FRAMEWORK = 'simian';

interface FrameworkInfo {
  /** Matches the framework part of a METADATA entry. */
  pattern: RegExp;
  title: (id: string) => string;
}

const version = (id: string) => /-(\d+(?:\.\d+)*)$/.exec(id)?.[1];
const withVersion = (name: string) => (id: string) => {
  const v = version(id);
  return v ? `${name} ${v}` : name;
};

/** Compliance frameworks Simian scores, by the ids rule METADATA uses. */
const FRAMEWORKS: FrameworkInfo[] = [
  { pattern: /^cis-kubernetes(-[\d.]+)?$/, title: withVersion('CIS Kubernetes Benchmark') },
  {
    pattern: /^cis-aws-foundations(-[\d.]+)?$/,
    title: withVersion('CIS AWS Foundations Benchmark'),
  },
  { pattern: /^pss$/, title: () => 'Pod Security Standards' },
  {
    pattern: /^nsa-cisa-kubernetes-hardening$/,
    title: () => 'NSA-CISA Kubernetes Hardening Guide',
  },
  { pattern: /^aws-well-architected$/, title: () => 'AWS Well-Architected' },
  { pattern: /^simian$/, title: () => 'Simian architecture rules' },
];

/** The requirements in a rule's `frameworks` list, in order, compliance frameworks only. */
export function requirementsOf(frameworks: readonly string[] | undefined): Requirement[] {
  const out: Requirement[] = [];
  for (const entry of frameworks ?? []) {
    const at = entry.indexOf(':');
    if (at <= 0 || at === entry.length - 1) continue;
    const framework = entry.slice(0, at);
    if (!isScoredFramework(framework)) continue;
    out.push({ framework, control: entry.slice(at + 1) });
  }
  return out;
}

/** The entries of a rule's `frameworks` list that are other tools' ids for the same check. */
export function referencesOf(frameworks: readonly string[] | undefined): string[] {
  return (frameworks ?? []).filter((entry) => {
    const at = entry.indexOf(':');
    return at > 0 && !isScoredFramework(entry.slice(0, at));
  });
}

/** Whether Simian scores this framework (it has a title), rather than listing it as a reference. */
export function isScoredFramework(framework: string): boolean {
  return FRAMEWORKS.some((f) => f.pattern.test(framework));
}

/** The framework's name for people: `CIS Kubernetes Benchmark 1.12`. */
export function frameworkTitle(framework: string): string {
  return FRAMEWORKS.find((f) => f.pattern.test(framework))?.title(framework) ?? framework;
}

/** Whether `framework` is picked by `--framework FILTER`: the same id, or the id without its version. */
export function frameworkMatches(framework: string, filter: string): boolean {
  const f = filter.toLowerCase();
  return framework === f || framework.startsWith(`${f}-`) || framework.startsWith(`${f}.`);
}

/** A rule's family: its id without the trailing number (`K8S-IMG-001` -> `K8S-IMG`). */
export function ruleFamily(ruleId: string): string {
  const family = ruleId.replace(/[-_.]?\d+$/, '');
  return family.length > 0 ? family : ruleId;
}
